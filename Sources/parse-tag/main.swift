// The parse-tag executable: the command itself lives in ReleaseKitTools, shared with the
// multi-call `releasekit` binary.
import ReleaseKitTools

await ParseTag.main(arguments: Array(CommandLine.arguments.dropFirst()))
