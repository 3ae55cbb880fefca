// The bump-version executable: the command itself lives in ReleaseKitTools, shared with the
// multi-call `releasekit` binary.
import ReleaseKitTools

await BumpVersion.main(arguments: Array(CommandLine.arguments.dropFirst()))
