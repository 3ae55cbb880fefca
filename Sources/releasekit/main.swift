// The multi-call binary the release archive ships: installed under the six tool names,
// it runs the tool it was invoked as (see MultiCall).
import ReleaseKitCommands

await MultiCall.main(CommandLine.arguments)
