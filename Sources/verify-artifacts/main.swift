// The verify-artifacts executable: the command itself lives in ReleaseKitCommands, shared with the
// multi-call `releasekit` binary.
import ReleaseKitCommands

await VerifyArtifacts.main(arguments: Array(CommandLine.arguments.dropFirst()))
