// The create-release executable: the command itself lives in ReleaseKitCommands, shared with the
// multi-call `releasekit` binary.
import ReleaseKitCommands

await CreateRelease.main(arguments: Array(CommandLine.arguments.dropFirst()))
