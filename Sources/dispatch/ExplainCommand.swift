import ArgumentParser
import DispatchModel
import DispatchPlanner
import DispatchReports
import Foundation

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "解释方案：组织为何分到这名指导员，换成次优人选各差多少分 Why an organization got its instructor, and what each next-best candidate would cost the plan.")

  @Argument(help: "方案文件夹（dispatch plan 的输出） A plan folder written by `dispatch plan`.")
  var planFolder: String

  @Argument(help: "组织编号 The organization's id.")
  var organization: String

  @Option(help: "场景文件夹或台账工作簿（默认取方案 summary.json 中的 scenario_path） The scenario folder or workbook (default: scenario_path in the plan's summary.json).")
  var scenario: String?

  @Option(help: "列出几个备选人选 How many alternatives to price.")
  var alternatives: Int = 5

  @OptionGroup var progressOptions: ProgressOptions

  func validate() throws {
    try OptionDomain.check(alternatives, "--alternatives", in: OptionDomain.alternatives)
  }

  func run() throws {
    let reporter = ProgressReporter(progressOptions)
    do {
      defer { reporter.finish() }
      let result = try commandLinePlanner().explain(
        planFolder: URL(fileURLWithPath: planFolder), organization: OrganizationID(organization),
        scenarioFolder: scenario.map { URL(fileURLWithPath: $0) }, alternatives: alternatives, control: reporter.control)
      print(ExplanationText.render(result.explanation, scenario: result.scenarioName, solver: result.solver, optimal: result.optimal))
    } catch {
      printError(error.description)
      switch error {
      // A plan.csv edited by hand so that it no longer fits (planDiffers) is the input's fault, not a bug.
      case .input, .scenarioChanged, .scenarioUnknown, .unreadableSummary, .planDiffers: throw Exit.dataError
      case .explaining(.unknownOrganization): throw Exit.dataError
      case .explaining(.solving(let error)): throw Exit.code(for: .solving(error))
      case .planning(let failure): throw Exit.code(for: failure)
      }
    }
  }
}
