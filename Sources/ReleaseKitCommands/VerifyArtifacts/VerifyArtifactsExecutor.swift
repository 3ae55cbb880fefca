import Foundation
import ReleaseKitCore
import ReleaseKitRuntime

/// Carries out a verify-artifacts plan: says what the plan found, writes the checksum
/// file and manifests it allows (none when verification failed), and reports.
struct VerifyArtifactsExecutor {
    var plan: VerifyArtifactsPlan
    var context: ToolContext

    func apply() throws -> ToolResult {
        let log = context.log
        for message in plan.messages { emit(message) }
        let rendered = try write()
        if plan.ok {
            log.info("verify-artifacts: \(plan.verified.count) artifacts, \(plan.totalBytes) bytes, all verified")
        }
        let verdict = plan.ok ? "All \(plan.verified.count) artifacts verified." : "**Verification failed.**"
        try context.summary.append("### verify-artifacts\n\n\(verdict)\n\n" + StepSummary.table(
            header: ["Name", "Size", plan.algorithm.rawValue.uppercased(), "Status"], rows: plan.summaryRows))
        return ToolResult(plan.outputs(rendered: rendered), failed: !plan.ok)
    }

    private func emit(_ message: VerifyArtifactsPlan.Message) {
        let log = context.log
        let location = message.file.map { AnnotationLocation(file: $0, line: message.line) }
        switch message.level {
        case .error: log.error(message.text, title: message.title, location: location)
        case .warning: log.warning(message.text, title: message.title, location: location)
        case .notice: log.notice(message.text, title: message.title, location: location)
        case .info: log.info(message.text)
        case .debug: log.debug(message.text)
        }
    }

    /// Writes what the plan allows; returns the manifests written, in order.
    private func write() throws -> [String] {
        let targets = [plan.checksumWrite?.path].compactMap { $0 } + plan.renders.map(\.output)
        // Every target is checked before the first is written, so a refused one
        // (a FIFO, a symlink, a device) leaves none of the others half-done.
        for path in targets.map(context.path) {
            try WritableTarget.check(path)
        }
        if let checksums = plan.checksumWrite {
            try writeFile(checksums.text, to: checksums.path)
            context.log.info("wrote \(checksums.count) \(plan.algorithm.rawValue) checksums to \(checksums.path)")
        }
        var rendered: [String] = []
        for render in plan.renders {
            let text: String
            do {
                text = try render.text.get()
            } catch let error as ArtifactPatternError {
                throw InputError(error.message(origin: .expectFlag))
            }
            // Values come from the tag, the environment and file names: redacted like any output.
            try writeFile(context.log.redactor.redact(text), to: render.output)
            rendered.append(render.output)
            context.log.info("rendered \(render.template) to \(render.output)")
        }
        return rendered
    }

    private func writeFile(_ text: String, to relativePath: String) throws {
        let path = context.path(relativePath)
        try context.fileSystem.createDirectory(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        try context.fileSystem.writeAtomically(Data(text.utf8), to: path)
    }
}
