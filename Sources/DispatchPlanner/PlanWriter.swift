import DispatchIO
import DispatchReports
import Foundation

/// Writes a plan folder: `plan.csv`, `summary.json`, `report.md`, and the office's documents
/// (`PlanDocuments`: 方案.xlsx, report.html, notices.html, PDFs with `--pdf`). The folder is
/// always new (`OutputFolder` refuses an existing one) and each file is written
/// atomically, so nothing the user has is ever overwritten.
public enum PlanWriter {
  public static let planFile = "plan.csv"
  public static let summaryFile = "summary.json"
  public static let reportFile = "report.md"

  /// The default folder for a scenario's next plan: `plans/<name>-<n>` under `base`.
  public static func defaultFolder(for name: String, in base: URL) -> URL {
    OutputFolder.freshURL(in: base.appendingPathComponent("plans", isDirectory: true), name: name)
  }

  /// Writes `result` into the new folder `folder`; returns its URL.
  @discardableResult
  public static func write(_ result: PlanResult, to folder: URL, documents: DocumentOptions = .init()) throws(OutputError) -> URL {
    let summary = try PlanWriter.summaryJSON(result.summary)
    let documentFiles = try PlanDocuments.files(result, options: documents)
    let output = try OutputFolder.create(at: folder)
    try output.write(result.table, named: planFile)
    try output.write(summary, named: summaryFile)
    try output.write(Data(result.report.utf8), named: reportFile)
    for file in documentFiles { try output.write(file.data, named: file.name) }
    return output.url
  }

  /// `summary.json`'s bytes, encoded before the folder is created (an output is complete or absent).
  static func summaryJSON(_ summary: PlanSummary) throws(OutputError) -> Data {
    do { return try summary.json() } catch {
      throw .unrepresentable(file: summaryFile, value: "summary", reason: "\(error)")
    }
  }
}
