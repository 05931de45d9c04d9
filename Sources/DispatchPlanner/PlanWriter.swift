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
  /// Claimed atomically when the folder is published (two runs at once get two folders).
  public static func defaultFolder(for name: String, in base: URL) -> OutputDestination {
    .nextFree(in: base.appendingPathComponent("plans", isDirectory: true), name: name)
  }

  /// The manifest header of `result`'s folder.
  static func manifest(_ result: PlanResult) -> PlanManifest.Header {
    PlanManifest.Header(scenario: result.summary.scenario, inputSHA256: result.summary.inputSHA256)
  }

  /// Writes `result` into the new folder `folder`; returns its URL.
  @discardableResult
  public static func write(_ result: PlanResult, to folder: URL, documents: DocumentOptions = .init()) throws(OutputError) -> URL {
    try write(result, to: .exactly(folder), documents: documents)
  }

  /// Writes `result` as a new plan folder at `destination` (built beside it, renamed into place
  /// with manifest.json last, `OutputFolder.build`); returns its URL.
  @discardableResult
  public static func write(_ result: PlanResult, to destination: OutputDestination, documents: DocumentOptions = .init()) throws(OutputError) -> URL {
    let summary = try PlanWriter.summaryJSON(result.summary)
    // One table and one overview serve plan.csv, report.md and the documents.
    let rows = PlanTable.rows(result.plan, model: result.model)
    let chinese = PlanOverview(summary: result.summary, plan: result.plan, model: result.model, language: .chinese)
    let overview = documents.language == .chinese
      ? chinese : PlanOverview(summary: result.summary, plan: result.plan, model: result.model, language: documents.language)
    let documentFiles = try PlanDocuments.files(result, overview: overview, planRows: rows, options: documents)
    var table = CSVWriter(header: PlanTable.header(for: result.model.scenario))
    for row in rows { table.addRow(row) }
    let report = MarkdownReport.render(chinese, plan: result.plan, model: result.model)
    return try OutputFolder.build(destination, manifest: manifest(result)) { output throws(OutputError) in
      try output.write(table, named: planFile)
      try output.write(summary, named: summaryFile)
      try output.write(Data(report.utf8), named: reportFile)
      for file in documentFiles { try output.write(file.data, named: file.name) }
    }
  }

  /// `summary.json`'s bytes, encoded before the folder is created (an output is complete or absent).
  static func summaryJSON(_ summary: PlanSummary) throws(OutputError) -> Data {
    do { return try summary.json() } catch {
      throw .unrepresentable(file: summaryFile, value: "summary", reason: "\(error)")
    }
  }
}
