import AssignmentCore
import DispatchIO
import DispatchPlanning
import DispatchReports
import Foundation
import XLSXWriter

/// What the office's documents look like for one run: `--lang` and `--pdf`.
/// The language of the documents (the CLI sees it through DispatchPlanner only).
public typealias DocumentLanguage = ReportLanguage

public struct DocumentOptions: Sendable {
  public var language: ReportLanguage
  /// Also print the notices to PDF (one file per kind) with headless Chromium, when installed.
  public var pdf: Bool

  public init(language: ReportLanguage = .chinese, pdf: Bool = false) {
    self.language = language
    self.pdf = pdf
  }
}

/// The office's documents in a plan folder, beside plan.csv, summary.json and report.md:
/// 方案.xlsx (plan.xlsx), report.html, notices.html and, with `--pdf`, 选派通知书.pdf and
/// 告知书.pdf. All are rendered before the folder is made; each is written atomically.
public enum PlanDocuments {
  /// Whether `--pdf` can print (a headless Chromium is on PATH); without it the PDFs are skipped.
  public static var chromiumIsInstalled: Bool { HeadlessChromium.find() != nil }

  /// One document: its file name and bytes.
  public struct File: Sendable {
    public var name: String
    public var data: Data
  }

  /// Every document of the plan, rendered before anything is written (an output is complete or absent).
  /// `overview` and `planRows` when the caller has them already (they are made otherwise).
  public static func files(_ result: PlanResult, replan: ReplanResult? = nil, overview: PlanOverview? = nil, planRows: [[String]]? = nil,
                           options: DocumentOptions) throws(OutputError) -> [File] {
    let overview = overview ?? PlanOverview(summary: result.summary, plan: result.plan, model: result.model, language: options.language)
    let workbookName = PlanWorkbook.fileName(options.language)
    let rows = planRows ?? PlanTable.rows(result.plan, model: result.model)
    let changes = replan?.changes
    let replanPart = replan.map {
      ReportHTML.Replan(moves: $0.figures.moves, forcedMoves: $0.figures.forcedMoves, changes: $0.changes, sweep: $0.sweep)
    }
    // The workbook, the report and the notices are independent: rendered on both cores, kept in this order.
    let rendered = OrderedParallel.map(count: 3) { k -> Result<Data, XLSXError> in
      switch k {
      case 0: Result { () throws(XLSXError) -> Data in try PlanWorkbook.data(overview, planRows: rows, changes: changes) }
      case 1: .success(Data(ReportHTML.render(overview, replan: replanPart).utf8))
      default: .success(Data(NoticesHTML.render(overview).utf8))
      }
    }
    var files: [File] = []
    for (name, outcome) in zip([workbookName, ReportHTML.fileName, NoticesHTML.fileName], rendered) {
      switch outcome {
      case .success(let data): files.append(File(name: name, data: data))
      case .failure(let error): throw .cannotWriteFile(path: name, reason: error.description)
      }
    }
    if options.pdf, let browser = HeadlessChromium.find() {
      // Both kinds print at once (two Chromium processes): the city's notices run to ~2,000 pages.
      let kinds = NoticesHTML.Kind.allCases
      do {
        let pdfs = try browser.printToPDF(pages: kinds.map { NoticesHTML.render(overview, kinds: [$0]) })
        for (kind, pdf) in zip(kinds, pdfs) { files.append(File(name: kind.pdfName(options.language), data: pdf)) }
      } catch {
        throw .cannotWriteFile(path: kinds[0].pdfName(options.language), reason: error.description)
      }
    }
    return files
  }
}

/// Debian's `chromium` in headless mode, for `--print-to-pdf`. Only used with `--pdf`.
struct HeadlessChromium {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  let executable: URL

  /// The first of chromium, chromium-browser, google-chrome on PATH.
  static func find() -> HeadlessChromium? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for name in ["chromium", "chromium-browser", "google-chrome"] {
      for folder in path.split(separator: ":") {
        let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return HeadlessChromium(executable: candidate) }
      }
    }
    return nil
  }

  /// Prints each self-contained page to PDF, all at once, through a private temporary folder.
  func printToPDF(pages: [String]) throws(Failure) -> [Data] {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dispatch-pdf-\(UUID().uuidString)", isDirectory: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var running: [(process: Process, pdf: URL)] = []
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      for (k, html) in pages.enumerated() {
        let page = folder.appendingPathComponent("page-\(k).html"), pdf = folder.appendingPathComponent("page-\(k).pdf")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(folder.path)/profile-\(k)",
                             "--print-to-pdf=\(pdf.path)", page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        running.append((process, pdf))
      }
    } catch {
      for started in running { started.process.terminate(); started.process.waitUntilExit() }
      throw Failure(description: "Chromium could not start: \(error.localizedDescription)")
    }
    var out: [Data] = []
    var failure: Failure?
    for (process, pdf) in running {
      process.waitUntilExit()
      if process.terminationStatus == 0, let data = FileManager.default.contents(atPath: pdf.path), !data.isEmpty {
        out.append(data)
      } else if failure == nil {
        failure = Failure(description: "Chromium exited \(process.terminationStatus) without a PDF")
      }
    }
    if let failure { throw failure }
    return out
  }
}
