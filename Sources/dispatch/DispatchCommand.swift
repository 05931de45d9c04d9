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
      退出码：0 成功；1 已写出方案，但要求全覆盖而无法做到；64 命令行有误；65 输入数据有误（逐条列出 \
      文件:行:列 或 工作簿!工作表!单元格）；70 内部错误（求解失败或方案未通过独立校验）；73 无法写出结果；75 在时限内未找到方案。
      Exit codes: 0 success; 1 a plan was written but full coverage was required and is impossible; \
      64 usage error; 65 bad input (every problem listed as file:line:column, or workbook!sheet!cell); \
      70 internal failure (a solver failed or a plan failed the independent check); 73 cannot write the output; \
      75 no plan within --time-limit (a longer limit may find one); 130 stopped by Ctrl-C before any plan. \
      Examples: Documentation/ExitCodes.md.
      """,
    subcommands: [
      PlanCommand.self, ValidateCommand.self, TemplateCommand.self, ExplainCommand.self, ReplanCommand.self, CompareCommand.self,
      GenerateCommand.self, ServeCommand.self,
    ]
  )
}
