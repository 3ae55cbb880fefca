// The render-changelog executable: the command itself lives in ReleaseKitTools, shared with the
// multi-call `releasekit` binary.
import ReleaseKitTools

await RenderChangelog.main(arguments: Array(CommandLine.arguments.dropFirst()))
