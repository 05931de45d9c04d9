import ArgumentParser
import DispatchWorkbench
import DispatchModel
import Foundation

struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "工作台 The office's workbench: review, adjust and publish plans in the browser (http://127.0.0.1:8080).")

  @Argument(help: "The workspace folder: scenario folders (also under scenarios/ and uploads/) and plans/.")
  var workspace: String = "."

  @Option(help: "Address to listen on. Anything but 127.0.0.1/localhost needs an access token.")
  var host: String = "127.0.0.1"

  @Option(help: "Port to listen on (0: any free port).")
  var port: Int = 8080

  @Option(help: "Access token (generated and printed when another --host is given without one).")
  var token: String?

  @Option(help: "Seconds a solve may run before it returns its best plan and bound.")
  var timeLimit: Double = 60

  @Option(help: "Seconds an adjustment's re-plan (lock, forbid, capacity, absent) may run.")
  var editTimeLimit: Double = 10

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535") }
    try OptionDomain.check(timeLimit, "--time-limit", in: OptionDomain.timeLimitSeconds)
    try OptionDomain.check(editTimeLimit, "--edit-time-limit", in: OptionDomain.timeLimitSeconds)
    if let token, token.count < 16 || !token.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
      throw ValidationError("--token must be at least 16 letters, digits, - or _")
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: workspace, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw ValidationError("工作区不存在 the workspace folder \(workspace.echoed) does not exist")
    }
  }

  // Synchronous on purpose: an async `main` in a module named `dispatch` is emitted as the
  // symbol `dispatch_main`, which shadows libdispatch's own and recurses. The server runs
  // in a task; this thread waits for it.
  func run() throws {
    var generated = self.token
    if generated == nil, !WorkbenchConfiguration.isLoopback(host) {
      generated = (0..<32).map { _ in String("abcdefghijkmnpqrstuvwxyz23456789".randomElement()!) }.joined()
    }
    let token = generated
    let configuration = WorkbenchConfiguration(workspace: URL(fileURLWithPath: workspace), host: host, port: port, token: token,
                                               timeLimit: timeLimit, editTimeLimit: editTimeLimit)
    let shownHost = host.contains(":") ? "[\(host)]" : host
    let finished = DispatchSemaphore(value: 0)
    let failure = FailureBox()
    Task {
      do {
        try await WorkbenchServer.run(configuration) { port in
          let address = "http://\(shownHost):\(port)/" + (token.map { "?token=\($0)" } ?? "")
          FileHandle.standardOutput.write(Data("工作台已启动 workbench running: \(address)\n".utf8))
        }
      } catch {
        failure.set(error)
      }
      finished.signal()
    }
    finished.wait()
    if let error = failure.get() {
      FileHandle.standardError.write(Data("工作台无法启动 the workbench stopped: \(error)\n".utf8))
      throw ExitCode(70)
    }
  }
}

final class FailureBox: @unchecked Sendable {
  private let lock = NSLock()
  private var error: (any Error)?
  func set(_ e: any Error) { lock.lock(); error = e; lock.unlock() }
  func get() -> (any Error)? { lock.lock(); defer { lock.unlock() }; return error }
}
