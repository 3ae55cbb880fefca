// The guard-loop executable: the command itself lives in ReleaseKitCommands, shared with the
// multi-call `releasekit` binary.
import ReleaseKitCommands

await GuardLoop.main(arguments: Array(CommandLine.arguments.dropFirst()))
