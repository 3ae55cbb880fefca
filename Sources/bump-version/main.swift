// The bump-version executable: the command itself lives in ReleaseKitCommands, shared with the
// multi-call `releasekit` binary.
import ReleaseKitCommands

await BumpVersion.main(arguments: Array(CommandLine.arguments.dropFirst()))
