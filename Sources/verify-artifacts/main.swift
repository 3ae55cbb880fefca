// The verify-artifacts executable: the command itself lives in ReleaseKitTools, shared with the
// multi-call `releasekit` binary.
import ReleaseKitTools

await VerifyArtifacts.main(arguments: Array(CommandLine.arguments.dropFirst()))
