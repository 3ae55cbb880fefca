// The parse-tag executable: the command itself lives in ReleaseKitCommands, shared with the
// multi-call `releasekit` binary.
import ReleaseKitCommands

await ParseTag.main(arguments: Array(CommandLine.arguments.dropFirst()))
