// The guard-loop executable: the command itself lives in ReleaseKitTools, shared with the
// multi-call `releasekit` binary.
import ReleaseKitTools

await GuardLoop.main(arguments: Array(CommandLine.arguments.dropFirst()))
