// The render-changelog executable: the command itself lives in ReleaseKitCommands, shared with the
// multi-call `releasekit` binary.
import ReleaseKitCommands

await RenderChangelog.main(arguments: Array(CommandLine.arguments.dropFirst()))
