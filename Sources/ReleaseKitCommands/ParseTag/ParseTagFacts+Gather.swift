import ReleaseKitCore
import ReleaseKitRuntime

extension ParseTagFacts {
    /// The tag (the flag's, else the environment's) and, inside a repository, its tags.
    static func gather(_ settings: ParseTagSettings, in context: ToolContext) async throws -> ParseTagFacts {
        let repository = await context.repository()
        let tag: String
        if let named = settings.tag {
            tag = named
        } else {
            tag = try await context.locateTag(repository: repository)
        }
        guard let repository else { return ParseTagFacts(tag: tag, tags: nil) }
        // Parsed first, so a bad tag is reported before git is asked anything more.
        _ = try TagName(parsing: tag, scheme: settings.scheme)
        return ParseTagFacts(tag: tag, tags: try await repository.tagNames(), isShallow: try await repository.isShallow())
    }
}
