import ArgumentParser
import DispatchPlanner
import Foundation

struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "按校准档案（seeds/）生成逼真的场景，或为场景生成一季度的变动表 Write a realistic scenario from a calibration profile (seeds/), or a quarterly change set for a scenario.",
    discussion: """
      dispatch generate --profile huangshan --seed 7 --out DIR [--scale 2]
      dispatch generate --changes --from DIR --seed 7 --out CHANGES_DIR [--profile huangshan]
      """)

  @Option(help: "校准档案名（seeds/NAME.json） Calibration profile name (a seeds/NAME.json file).")
  var profile: String?

  @Option(help: "随机种子，同一种子生成完全相同的文件 Random seed; the same seed gives byte-identical files.")
  var seed: UInt64 = 7

  @Option(help: "把档案中的数量放大若干倍（如 3） Multiply every count of the profile (e.g. 3 for a province-sized test).")
  var scale: Double = 1

  @Flag(help: "为 --from 指定的场景生成季度变动表 changes.csv Write a quarterly change set (changes.csv) for the scenario given by --from.")
  var changes = false

  @Option(help: "要生成变动表的场景文件夹 The scenario folder a change set is generated for.")
  var from: String?

  @Option(help: "校准档案所在文件夹（默认为最近的 seeds/） The folder with the calibration profiles (default: the nearest seeds/).")
  var seeds: String?

  @Option(help: "要写入的新文件夹（不得已存在） The new folder to write; it must not exist.")
  var out: String

  func validate() throws {
    try OptionDomain.check(scale, "--scale", in: OptionDomain.scale)
    if changes {
      guard from != nil else { throw ValidationError("--changes needs --from SCENARIO_DIR") }
    } else {
      guard profile != nil else { throw ValidationError("give --profile NAME (or --changes --from DIR)") }
    }
  }

  func run() throws {
    let outURL = URL(fileURLWithPath: out)
    do {
      if changes, let from {
        let base = try loadScenarioOrExit(from).scenario
        let seedsFolder = try profile.map { _ in try Planner.seedsFolder(explicit: seeds) }
        let set = try Planner.generateChanges(for: base, profile: profile, seed: seed, seeds: seedsFolder, to: outURL)
        print("变更 change set → \(outURL.path): \(set.organizationsOpened.count) opened, \(set.organizationsClosed.count) closed, "
          + "\(set.organizationsGrown.count) grown, \(set.organizationsPartyOrganized.count) newly with a party organization, "
          + "\(set.instructorsLeft.count) instructors left, \(set.instructorsJoined.count) joined")
      } else if let profile {
        let scenario = try Planner.generateScenario(
          profile: profile, seed: seed, scale: scale, seeds: try Planner.seedsFolder(explicit: seeds), to: outURL)
        print("场景 scenario \(profile) (seed \(seed), scale \(scale)) → \(outURL.path): \(scenario.instructors.count) instructors, "
          + "\(scenario.organizations.count) organizations, \(scenario.units.count) units, \(scenario.regions.count) regions, "
          + "\(scenario.wishes.count) wishes")
      }
    } catch let error as GenerationFailure {
      printError(error.description)
      if case .output = error { throw Exit.cannotCreate }
      throw Exit.dataError
    }
  }
}
