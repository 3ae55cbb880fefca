// The create-release executable: the command itself lives in ReleaseKitTools, shared with the
// multi-call `releasekit` binary.
import ReleaseKitTools

await CreateRelease.main(arguments: Array(CommandLine.arguments.dropFirst()))
