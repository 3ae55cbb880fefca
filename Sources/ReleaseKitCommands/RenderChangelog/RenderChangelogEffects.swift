import Foundation
import ReleaseKitCore
import ReleaseKitRuntime

/// The one stage of render-changelog that writes: the notes file and the
/// `--prepend` changelog, from a finished plan.
struct RenderChangelogEffects {
    /// `--output`, `--prepend`, as given (relative to the working directory).
    let output: String?
    let prepend: String?
    let context: ToolContext

    /// Writes `notes` (already redacted) and merges the plan's sections into the
    /// changelog; returns the notes file. Both files are checked before the first is
    /// written, so a refused --prepend does not leave a fresh --output behind.
    func write(notes: String, plan: RenderChangelogPlan) throws -> String {
        for path in [output, prepend].compactMap({ $0 }).map(context.path) {
            try WritableTarget.check(path)
        }
        let notesFile = output.map(context.path)
            ?? context.ci.temporaryDirectory + "/render-changelog-" + UUID().uuidString.lowercased() + plan.notesExtension
        try context.fileSystem.writeAtomically(Data(notes.utf8), to: notesFile)
        if let prepend {
            let file = context.path(prepend)
            let existing = try context.fileSystem.exists(file) ? Self.changelogText(try context.fileSystem.read(file), path: prepend) : nil
            let merged = try plan.prepended(to: existing, file: prepend, redact: context.log.redactor.redact)
            try context.fileSystem.writeAtomically(Data(LosslessUTF8.encode(merged)), to: file)
            context.log.info("updated \(prepend) with \(plan.releases.map(\.title).joined(separator: ", "))")
        }
        return notesFile
    }

    /// The file's text, with any bytes that are not UTF-8 kept (see LosslessUTF8):
    /// decoding them as U+FFFD would rewrite old entries the tool only meant to add
    /// a section above. Exit 2 in the one case that cannot round-trip.
    static func changelogText(_ data: Data, path: String) throws -> String {
        guard let text = LosslessUTF8.decode(Array(data)) else {
            throw InputError("\(path) holds a character from U+10FF80 to U+10FFFF, which --prepend uses to keep bytes that are not UTF-8; remove it, or update \(path) another way")
        }
        return text
    }
}
