// `dispatch-bench read-ledger [ROWS]`: the scenario reader on a large ledger (issue 13: every
// check near-linear). Writes a ledger of ROWS organizations (default 200,000), ROWS / 4
// instructors and ROWS wishes, then times ScenarioReader on it clean and with 1,000 unknown
// ids in wishes.csv (the did-you-mean path), and Python's csv module reading the same files
// (a peer that only splits cells: the ratio is what the checks cost on top of parsing).
// Both are timed in CPU seconds of their own process (user + system), which a busy machine
// distorts far less than wall-clock time; the wall-clock median is printed beside it.
import DispatchIO
import Foundation

func readLedgerBench(rows: Int, python: String) throws {
  let base = FileManager.default.temporaryDirectory.appendingPathComponent("dispatch-read-ledger-\(getpid())")
  defer { try? FileManager.default.removeItem(at: base) }
  let instructors = max(1, rows / 4)
  func write(_ folder: URL, unknown: Int) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var units = "id,name,functions\n", regions = "id,name,neighbours\n"
    for u in 0..<200 { units += "U\(u),单位\(u),市场监管;税务\n" }
    for r in 0..<100 { regions += "R\(r),区域\(r),R\((r + 1) % 100)\n" }
    var teachers = "id,name,unit,region,capacity,skills\n"
    for i in 0..<instructors { teachers += "I\(i),指导员\(i),U\(i % 200),R\(i % 100),4,党务;经营管理\n" }
    var organizations = "id,name,region,industry,needs\n"
    for o in 0..<rows { organizations += "O\(o),\"组织\(o)有限公司\",R\(o % 100),商贸,党务\n" }
    var wishes = "from,to,rank\n"
    for w in 0..<rows { wishes += w < unknown ? "I\(w % instructors)x,O\(w),1\n" : "I\(w % instructors),O\(w),\(w % 3 + 1)\n" }
    for (name, text) in [("units.csv", units), ("regions.csv", regions), ("instructors.csv", teachers),
                         ("organizations.csv", organizations), ("wishes.csv", wishes)] {
      try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
  }
  let clean = base.appendingPathComponent("clean"), unknown = base.appendingPathComponent("unknown")
  try write(clean, unknown: 0)
  try write(unknown, unknown: 1_000)
  let bytes = try FileManager.default.contentsOfDirectory(atPath: clean.path)
    .reduce(0) { $0 + ((try? Data(contentsOf: clean.appendingPathComponent($1)).count) ?? 0) }
  log("read-ledger: \(rows) organizations, \(instructors) instructors, \(rows) wishes, \(bytes / 1024) KiB")

  var cleanRuns: [Double] = [], unknownRuns: [Double] = [], cleanWall: [Double] = [], unknownWall: [Double] = [], unknownErrors = 0
  for _ in 0..<3 {
    var cpu = cpuSeconds()
    let (_, seconds) = try timed { try ScenarioReader().read(folder: clean) }
    cleanRuns.append(cpuSeconds() - cpu)
    cleanWall.append(seconds)
    cpu = cpuSeconds()
    let (errors, seconds2) = timed { () -> Int in
      do { _ = try ScenarioReader().read(folder: unknown); return 0 } catch let error as InputErrors { return error.errors.count } catch { return -1 }
    }
    unknownRuns.append(cpuSeconds() - cpu)
    unknownWall.append(seconds2)
    unknownErrors = errors
  }
  let script = "import csv,sys,time\nt=time.process_time()\nn=0\nfor f in sys.argv[1:]:\n  with open(f,encoding='utf-8',newline='') as h:\n    n+=sum(1 for _ in csv.reader(h))\nprint(time.process_time()-t)"
  var peerRuns: [Double] = []
  let files = ["units.csv", "regions.csv", "instructors.csv", "organizations.csv", "wishes.csv"].map { clean.appendingPathComponent($0).path }
  for _ in 0..<3 {
    if let (status, output) = try? runProcess(python, ["-c", script] + files), status == 0,
       let seconds = Double(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) {
      peerRuns.append(seconds)
    }
  }
  print("| ledger | ScenarioReader, CPU s (median of 3) | wall s | Python csv.reader (parse only), CPU s | ratio |")
  print("|---|---|---|---|---|")
  let peer = peerRuns.isEmpty ? nil : median(peerRuns)
  func ratio(_ s: Double) -> String { peer.map { String(format: "%.1f×", s / $0) } ?? "—" }
  print("| \(rows) organizations, clean | \(formatSeconds(median(cleanRuns))) | \(formatSeconds(median(cleanWall))) | \(formatSeconds(peer)) | \(ratio(median(cleanRuns))) |")
  print("| same, 1,000 unknown ids (\(unknownErrors) errors) | \(formatSeconds(median(unknownRuns))) | \(formatSeconds(median(unknownWall))) | | \(ratio(median(unknownRuns))) |")
  print("peak RSS \(String(format: "%.0f", peakMemoryMB())) MiB")
}

/// CPU seconds (user + system) this process has used.
func cpuSeconds() -> Double {
  var usage = rusage()
  #if os(Linux)
  getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  #else
  getrusage(RUSAGE_SELF, &usage)
  #endif
  return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}
