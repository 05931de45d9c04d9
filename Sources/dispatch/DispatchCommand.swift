// The `dispatch` command line: a thin shell over `DispatchPlanner`. It parses
// arguments, calls the facade, prints, and maps failures to exit codes; it
// holds no planning logic.
import ArgumentParser

@main
struct DispatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dispatch",
    abstract: "党建工作指导员选派方案 — exact dispatch plans for party-building instructors.",
    discussion: """
      Exit codes: 0 success; 1 a plan was written but full coverage was required and is impossible; \
      64 usage error; 65 bad input (every problem listed as file:line:column); \
      70 internal failure (a solver failed or a plan failed the independent check); 73 cannot write the output.
      """,
    subcommands: [
      PlanCommand.self, ValidateCommand.self, TemplateCommand.self, ExplainCommand.self, ReplanCommand.self, CompareCommand.self,
      GenerateCommand.self,
    ]
  )
}
