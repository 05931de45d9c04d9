import DispatchGenerator
import DispatchIO
import DispatchModel
import Foundation

/// Why `generate` wrote nothing.
public enum GenerationFailure: Error, Sendable, CustomStringConvertible {
  case noSeedsFolder(searchedFrom: String)
  case profile(ProfileError)
  case output(OutputError)
  /// The generator refused its inputs (a scale, a profile figure, a count that does not fit).
  case generation(GeneratorError)

  public var description: String {
    switch self {
    case .noSeedsFolder(let from): "找不到 seeds/ 文件夹 no seeds/ folder found from \(from) upwards; give --seeds DIR"
    case .profile(let error): "\(error)"
    case .output(let error): "无法写出 cannot write: \(error)"
    case .generation(let error): "无法生成 cannot generate: \(error)"
    }
  }
}

extension Planner {
  /// The calibration profiles: `explicit` if given, else the first `seeds/` folder found
  /// walking up from the current directory, then from the executable (a checkout's `.build`).
  public static func seedsFolder(explicit: String?) throws(GenerationFailure) -> URL {
    if let explicit { return URL(fileURLWithPath: explicit) }
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    if let found = ProfileLibrary.findSeedsFolder(from: cwd) { return found }
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    if let found = ProfileLibrary.findSeedsFolder(from: executable) { return found }
    throw .noSeedsFolder(searchedFrom: cwd.path)
  }

  /// Generates a scenario from a calibration profile and writes it as a new format-v1 folder.
  /// Same profile, seed and scale → byte-identical files.
  @discardableResult
  public static func generateScenario(
    profile name: String, seed: UInt64, scale: Double, seeds: URL, to folder: URL
  ) throws(GenerationFailure) -> Scenario {
    let profile: ScenarioProfile
    do { profile = try ProfileLibrary.load(name, from: seeds) } catch { throw .profile(error) }
    let scenario: Scenario
    do { scenario = try ScenarioGenerator(profile: profile, seed: seed, scale: scale).generate() } catch { throw .generation(error) }
    do { try ScenarioWriter().write(scenario, to: folder) } catch { throw .output(error) }
    return scenario
  }

  /// Generates a quarterly change set for `base` at the profile's rates (typical rates
  /// when no profile is named) and writes `changes.csv` into the new folder `folder`.
  @discardableResult
  public static func generateChanges(
    for base: Scenario, profile name: String?, seed: UInt64, seeds: URL?, to folder: URL
  ) throws(GenerationFailure) -> ChangeSet {
    let generator: ChangeSetGenerator
    if let name, let seeds {
      do { generator = ChangeSetGenerator(profile: try ProfileLibrary.load(name, from: seeds), base: base, seed: seed) } catch {
        throw .profile(error)
      }
    } else {
      generator = ChangeSetGenerator(base: base, seed: seed)
    }
    let changes: ChangeSet
    do { changes = try generator.generate() } catch { throw .generation(error) }
    do { try ChangeSetWriter().write(changes, to: folder) } catch { throw .output(error) }
    return changes
  }
}
