import ReleaseKitCore
import ReleaseKitRuntime

extension ParseTagFacts {
    /// The tag (the flag's, else the environment's) and, inside a repository, its tags.
    static func gather(_ settings: ParseTagSettings, in context: ToolContext) throws -> ParseTagFacts {
        let repository = context.repository()
        let tag = try settings.tag ?? context.locateTag(repository: repository)
        guard let repository else { return ParseTagFacts(tag: tag, tags: nil) }
        // Parsed first, so a bad tag is reported before git is asked anything more.
        _ = try TagName(parsing: tag, scheme: settings.scheme)
        return ParseTagFacts(tag: tag, tags: try repository.tagNames(), isShallow: try repository.isShallow())
    }
}
