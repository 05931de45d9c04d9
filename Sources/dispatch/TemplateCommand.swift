import ArgumentParser
import DispatchPlanner
import Foundation

struct TemplateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "template",
    abstract: "生成空白台账模板 Write an empty ledger to fill in: Chinese headers, one example row per table, notes (说明).",
    discussion: """
      写入新文件夹 DIR（不得已存在）：每张表一个 CSV 文件和 说明.txt；加 --xlsx 则写一个工作簿 台账.xlsx，\
      每张表一个工作表，另有“说明”工作表。填好后用 dispatch validate / dispatch plan 使用。
      Writes the new folder DIR (it must not exist): one CSV file per table and 说明.txt, or with --xlsx one \
      workbook 台账.xlsx with a sheet per table and a notes sheet. Fill it in, then run dispatch validate and dispatch plan on it.
      """)

  @Argument(help: "新文件夹 The new folder to write the template into.")
  var folder: String

  @Flag(help: "写 Excel 工作簿 台账.xlsx 而非 CSV 文件 Write one workbook 台账.xlsx instead of CSV files.")
  var xlsx = false

  func run() throws {
    do {
      let files = try TemplateWriter.write(to: URL(fileURLWithPath: folder), workbook: xlsx)
      print("已生成模板 template written: \(folder) — \(files.joined(separator: ", "))")
    } catch {
      printError(error.description)
      throw Exit.cannotCreate
    }
  }
}
