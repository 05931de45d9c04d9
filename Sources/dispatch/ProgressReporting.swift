// Progress on standard error for long commands, and Ctrl-C as "stop and keep the best plan".
// The solver calls the control's observer on its own threads; this file only renders the
// latest snapshot from a once-a-second timer (a terminal line) or writes JSON lines.
import AssignmentCore
import ArgumentParser
import Dispatch
import Foundation
import Synchronization

enum ProgressFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
  /// A line rewritten about once a second, only when standard error is a terminal.
  case auto
  /// JSON lines on standard error (for programs such as the workbench), terminal or not.
  case json
  case off
}

struct ProgressOptions: ParsableArguments {
  @Option(help: "进度输出到标准错误：auto（终端上约每秒一行）、json（每行一个 JSON 对象）、off Progress on standard error: auto (a line about once a second when it is a terminal), json (one JSON object per line), off.")
  var progress: ProgressFormat = .auto

  @Flag(help: "不输出进度 No progress output.")
  var quiet = false

  var format: ProgressFormat {
    if quiet { return .off }
    if progress == .auto && isatty(STDERR_FILENO) == 0 { return .off }
    return progress
  }
}

/// Owns the control of one command run: renders its progress and turns Ctrl-C into `cancel()`.
/// The first Ctrl-C stops the solve (the best plan so far is written, honestly labelled);
/// a second one quits at once without a plan (exit 130).
final class ProgressReporter {
  let control: SolveControl
  let format: ProgressFormat
  private let queue = DispatchQueue(label: "dispatch.progress")
  private let timer: (any DispatchSourceTimer)?  // nil when silent (libdispatch must never release a suspended source)
  private let interrupt: any DispatchSourceSignal
  private let lastLine = LastLine()

  init(_ options: ProgressOptions) {
    let format = options.format
    self.format = format
    let lastPhase = Mutex<SolveProgress.Phase?>(nil)
    control = SolveControl { p in
      // JSON: every phase change at once (the timer adds one line a second).
      guard format == .json else { return }
      let changed = lastPhase.withLock { last in defer { last = p.phase }; return last != p.phase }
      if changed { ProgressReporter.write(p.jsonLine + "\n") }
    }
    timer = format == .off ? nil : DispatchSource.makeTimerSource(queue: queue)
    interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: queue)
    let control = self.control
    let lastLine = self.lastLine
    timer?.setEventHandler { ProgressReporter.tick(control, format, lastLine) }
    interrupt.setEventHandler {
      if control.isCancelled {
        ProgressReporter.write("\n再次中断，未写出方案 interrupted again: quitting without a plan\n")
        exit(130)
      }
      control.cancel()
      ProgressReporter.write("\n已中断：正在写出目前最好的方案（再按一次 Ctrl-C 直接退出）"
        + " stopping: writing the best plan so far (Ctrl-C again quits without one)\n")
    }
    signal(SIGINT, SIG_IGN)
    interrupt.resume()
    timer?.schedule(deadline: .now() + 1, repeating: 1)
    timer?.resume()
  }

  static func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

  final class LastLine: Sendable { let text = Mutex<String>("") }

  private static func tick(_ control: SolveControl, _ format: ProgressFormat, _ lastLine: LastLine) {
    let p = control.latest
    switch format {
    case .off: return
    case .json: write(p.jsonLine + "\n")
    case .auto:
      let line = Self.line(p)
      lastLine.text.withLock { $0 = line }
      write("\r\u{1B}[K" + line)
    }
  }

  /// "求解 branch-and-bound · best 85881 · bound 85942 · gap 0.071% · 23.4 s / 60 s".
  static func line(_ p: SolveProgress) -> String {
    var parts = [(p.step.map { $0 + " " } ?? "") + p.phase.rawValue]
    if let best = p.best { parts.append("best \(best.score) (\(best.covered) covered)") }
    if let bound = p.bound { parts.append("bound \(bound.score)") }
    if let gap = p.gap { parts.append(String(format: "gap %.3f%%", gap * 100)) }
    parts.append(String(format: "%.1f s", p.elapsed) + (p.timeLimit.map { String(format: " / limit %.0f s", $0) } ?? ""))
    if p.cancelled { parts.append("stopping") }
    return "进度 " + parts.joined(separator: " · ")
  }

  /// Stops the timer and leaves standard error clean; a final JSON line says "done".
  func finish() {
    queue.sync { timer?.cancel() }  // no tick after this line
    switch format {
    case .off: break
    case .json:
      control.enter(.done)
    case .auto:
      if !lastLine.text.withLock({ $0 }).isEmpty { Self.write("\r\u{1B}[K") }
    }
  }
}
