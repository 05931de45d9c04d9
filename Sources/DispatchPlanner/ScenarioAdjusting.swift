import DispatchIO
import DispatchModel
import Foundation

extension LoadedScenario {
  /// The same ledger after adjustments made outside its files (the workbench's edits):
  /// `adjustments` is a canonical text of them, folded into the input digest so a plan
  /// records exactly what it was made from. No adjustments: this scenario unchanged.
  public func adjusted(_ scenario: Scenario, adjustments: String) -> LoadedScenario {
    guard !adjustments.isEmpty else { return self }
    var hasher = SHA256Hasher()
    hasher.update(Array((inputSHA256 + "\n" + adjustments).utf8))
    return LoadedScenario(scenario: scenario, name: name, folder: folder, inputSHA256: hasher.hexDigest(), warnings: warnings, seconds: seconds)
  }
}
