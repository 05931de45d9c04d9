import DispatchModel
/// The wording of every input and output problem, English then Chinese, in one
/// place so that messages stay consistent and can be reviewed together.

extension ReferenceKind {
  var names: (english: String, chinese: String) {
    switch self {
    case .unit: ("sending unit", "选派单位")
    case .region: ("region", "区域")
    case .instructor: ("instructor", "指导员")
    case .organization: ("organization", "组织")
    case .instructorOrOrganization: ("instructor or organization", "指导员或组织")
    }
  }
}

extension InputProblem {
  public var message: String {
    switch self {
    case .folderMissing:
      return "scenario folder not found / 找不到场景文件夹"
    case .notAFolder:
      return "not a folder / 不是文件夹"
    case .fileMissing(let names):
      return "required file is missing / 缺少必需文件 (accepted names / 可用文件名: \(names.joined(separator: ", ")))"
    case .sheetMissing(let names):
      return "required sheet is missing / 缺少必需的工作表 (accepted names / 可用表名: \(names.joined(separator: ", ")))"
    case .fileGivenTwice(let other):
      return "the same table is given twice / 同一张表出现两次: also \(other.echoed)"
    case .unreadableFile(let reason):
      return "cannot read the file / 无法读取文件: \(reason)"
    case .undecodableText:
      return "text is neither UTF-8 nor GB18030 (GBK) / 文件编码无法识别（应为 UTF-8 或 GB18030/GBK）"
    case .mixedEncoding(let utf8Line):
      return "this line is not UTF-8 (it looks like GBK) but line \(utf8Line) is UTF-8: the file mixes encodings; save it again as UTF-8 / 文件混用编码：本行不是 UTF-8（似为 GBK），而第 \(utf8Line) 行是 UTF-8，请统一另存为 UTF-8"
    case .quotedCellHoldsRows(let endLine):
      return "a quoted cell runs to line \(endLine) and holds what look like rows (a stray quote \"?) / 引号内的单元格延续到第 \(endLine) 行，其中像是多行数据（多余的引号？）"
    case .rowCountDiffers(let lines, let records):
      return "\(lines) lines but \(records) rows: quoted cells span lines / 文件有 \(lines) 行，但只读出 \(records) 条记录：有单元格跨行"
    case .controlCharacter(let column, let codePoint):
      let name = codePoint == 0 ? "NUL" : codePoint == 0x0A || codePoint == 0x0D ? "a line break" : codePoint == 0x09 ? "a tab" : codePointName(codePoint)
      if let scalar = Unicode.Scalar(codePoint), scalar.properties.generalCategory == .format {
        return "\(column.key.echoed) contains an invisible character (\(name)), often pasted from a web page or chat; delete it "
          + "/ \(column.chinese.echoed)含有不可见字符（\(name)），多为从网页或聊天软件粘贴带入，请删除"
      }
      return "\(column.key.echoed) contains a control character (\(name)) / \(column.chinese.echoed)含有控制字符（\(name)）"
    case .cellTooLong(let column, let length):
      return "\(column.key.echoed) holds \(length) characters, more than a spreadsheet cell can (\(ValueParser.maximumCellLength)) "
        + "/ \(column.chinese.echoed)文字过长（\(length) 字，单元格最多 \(ValueParser.maximumCellLength) 字）"
    case .unterminatedQuote:
      return "a quoted cell is never closed / 引号未闭合"
    case .emptyFile:
      return "the file is empty (no header row) / 文件为空（没有表头）"
    case .noDataRows:
      return "the file has a header but no data rows / 文件只有表头，没有数据"
    case .unknownFile:
      return "not a file of the scenario format, ignored / 不属于场景格式的文件，已忽略"
    case .unreadableWorkbook(let problem):
      return problem.message
    case .unreadableSpreadsheetIgnored(let problem):
      return "ignored / 已忽略: " + problem.message
    case .hiddenSheet:
      return "hidden sheet, not read (unhide it to use it) / 隐藏的工作表未读取（如需使用请取消隐藏）"
    case .unknownSheet(let suggestion):
      return "sheet names no table of the scenario, ignored / 工作表名称不是场景中的表，已忽略" + didYouMean(suggestion)
    case .missingColumn(let column):
      return "required column is missing / 缺少必需列: \(column.displayName)"
    case .duplicateColumn(let column, let first):
      return "column \(column.displayName) is given twice / 列重复 (also \(first.quotedEcho))"
    case .unknownColumn(let suggestion):
      return "unknown column, ignored / 未知列，已忽略" + didYouMean(suggestion)
    case .unknownColumnKept(let suggestion):
      return "unknown column, kept as a ledger column / 未知列，作为台账附加列保留" + didYouMean(suggestion)
    case .extraColumnsKept(let headers):
      return "ledger columns kept and carried into the plan / 附加列已保留并带入方案: \(headers.echoedList())"
    case .tooManyColumns(let count, let maximum):
      return "\(count) ledger columns, more than the plan can carry (\(maximum)); delete the columns not needed "
        + "/ 台账附加列过多（\(count) 列，最多 \(maximum) 列），请删除不需要的列"
    case .extraCells(let count):
      return "\(count) cell(s) beyond the last column, ignored / 超出表头的 \(count) 个单元格已忽略"
    case .missingValue(let column):
      return "\(column.key) must not be empty / \(column.chinese)不能为空"
    case .notACount(let column, let value):
      return "\(column.key) must be a whole number ≥ 0 / \(column.chinese)须为非负整数: \(value.quotedEcho)"
    case .numberTooLarge(let column, let value, let maximum):
      return "\(column.key) must be at most \(maximum) / \(column.chinese)不能超过 \(maximum): \(value.quotedEcho)"
    case .unknownValue(let column, let value, let allowed, let suggestion):
      return "unknown \(column.key) / 未知\(column.chinese): \(value.quotedEcho) (allowed / 可用: \(allowed.echoedList(limit: 20)))"
        + didYouMean(suggestion)
    case .notABoolean(let column, let value):
      return "\(column.key) must be yes or no / \(column.chinese)须为 是 或 否: \(value.quotedEcho)"
    case .duplicateID(let id, let firstLine):
      return "duplicate id / 编号重复: \(id.quotedEcho) (first on line \(firstLine) / 首次出现在第 \(firstLine) 行)"
    case .unknownReference(let kind, let id, let suggestion):
      return "unknown \(kind.names.english) / 未知\(kind.names.chinese): \(id.quotedEcho)" + didYouMean(suggestion)
    case .ambiguousReference(let id):
      return "\(id.quotedEcho) is both an instructor and an organization id / 既是指导员编号又是组织编号，无法判断"
    case .ambiguousName(let kind, let name, let candidates):
      return "\(name.quotedEcho) is the name of more than one \(kind.names.english), give the id / 名称对应多个\(kind.names.chinese)，请填写编号: "
        + candidates.echoedList()
    case .regionWithoutInstructor(let region, let suggestion):
      return "no instructor is in region \(region.quotedEcho) and there is no regions.csv: a typo costs the same-region points / 没有指导员在此区域，且无区域表，若为笔误将失去同区域得分"
        + didYouMean(suggestion)
    case .badRank(let value):
      return "rank must be a whole number \(NumberDomain.wishRank.lowerBound)…\(NumberDomain.wishRank.upperBound) / 志愿顺序须为 \(NumberDomain.wishRank.lowerBound) 至 \(NumberDomain.wishRank.upperBound) 的整数: \(value.quotedEcho)"
    case .wishBetweenInstructors(let a, let b):
      return "a wish must link an instructor and an organization, not two instructors / 志愿须在指导员与组织之间: \(a.quotedEcho) → \(b.quotedEcho)"
    case .wishBetweenOrganizations(let a, let b):
      return "a wish must link an instructor and an organization, not two organizations / 志愿须在指导员与组织之间: \(a.quotedEcho) → \(b.quotedEcho)"
    case .duplicatePair(let firstLine):
      return "this pair is listed twice / 同一对重复出现 (first on line \(firstLine) / 首次出现在第 \(firstLine) 行)"
    case .repeatedOverride(let firstLine):
      return "the same override is given twice, one is kept / 指定重复，保留一条 (first on line \(firstLine))"
    case .lockAndForbid(let firstLine):
      return "the pair is both locked and forbidden / 同一对既锁定又禁止 (other on line \(firstLine) / 另见第 \(firstLine) 行)"
    case .locksExceedCapacity(let instructor, let locks, let capacity):
      return "instructor \(instructor.quotedEcho) has \(locks) locks but capacity \(capacity) / 指导员锁定数 \(locks) 超过联系上限 \(capacity)"
    case .lockedDaysExceedCapacity(let instructor, let days, let daysPerMonth):
      return "instructor \(instructor.quotedEcho) has locks needing \(days) days a month but \(daysPerMonth) / 指导员锁定组织需 \(days) 天，超过每月 \(daysPerMonth) 天"
    case .locksExceedSlots(let organization, let locks, let slots):
      return "organization \(organization.quotedEcho) has \(locks) locks but \(slots) slot(s) / 组织锁定数 \(locks) 超过需要人数 \(slots)"
    case .unknownSetting(let key, let suggestion):
      return "unknown setting / 未知设置项: \(key.quotedEcho)" + didYouMean(suggestion)
    case .badSettingValue(let key, let value, let expected):
      return "bad value for \(key.echoed) / 设置值无效: \(value.quotedEcho) (expected / 应为: \(expected))"
    case .settingConflict(let key, let detail):
      return "\(key.echoed): \(detail)"
    case .settingWithoutEffect(let key, let detail):
      return "\(key) has no effect / 设置无效: \(detail)"
    case .badCoordinate(let column, let value, let range):
      return "\(column.key) \(value.quotedEcho) is not a number of degrees in \(range.lowerBound)…\(range.upperBound) / \(column.chinese)应为 \(range.lowerBound) 至 \(range.upperBound) 之间的度数"
    case .incompleteLocation:
      return "give both latitude and longitude, or neither / 纬度和经度须同时填写或同时留空"
    case .duplicateSetting(let key, let firstLine):
      return "setting \(key) is given twice / 设置项重复 (first on line \(firstLine) / 首次出现在第 \(firstLine) 行)"
    case .duplicateSlot(let firstLine):
      return "this organization slot is listed twice / 同一组织职务重复 (first on line \(firstLine) / 首次出现在第 \(firstLine) 行)"
    case .unknownChange(let action, let kind):
      return "unknown change / 未知变更: action \(action.quotedEcho), kind \(kind.quotedEcho) (allowed / 可用: open/close/update organization, leave/join instructor)"
    case .contradictoryChange(let id, let firstLine, let detail):
      return "contradictory changes for \(id.quotedEcho) / 变更相互矛盾: \(detail) (other on line \(firstLine) / 另见第 \(firstLine) 行)"
    case .badChangeField(let field, let value, let expected):
      return "bad field \(field.quotedEcho) / 字段无效: \(value.quotedEcho) (expected / 应为: \(expected))"
    case .idExists(let kind, let id):
      return "\(kind.names.english) \(id.quotedEcho) exists already / \(kind.names.chinese)编号已存在"
    case .missingChangeField(let id, let field):
      return "\(id.quotedEcho) has no \(field) / 缺少字段 \(field)"
    case .incompletePlanFolder(let defect):
      let what = switch defect {
      case .noManifest: "no manifest.json: the folder was never completed (a run stopped while writing), or an older version wrote it; "
        + "to use its plan.csv anyway, give the file itself / 没有 manifest.json：方案文件夹不完整（写出时中断）或由旧版本生成；如确需使用，请直接指定其中的 plan.csv"
      case .unreadableManifest: "manifest.json cannot be read / manifest.json 无法解析"
      case .fileMissing(let name): "\(name) is listed in manifest.json but missing / manifest.json 所列文件缺失"
      }
      return "incomplete plan folder / 方案文件夹不完整: " + what
    case .planFileEdited:
      return "changed after the plan was written (size or SHA-256 differs from manifest.json); what is needed is re-derived from it "
        + "/ 该文件在方案生成后被修改（与 manifest.json 不符），相关结果按修改后的内容重新计算"
    case .previousPlanFromAnotherScenario(let known, let total, let previous, let scenario):
      return "the previous plan looks like another scenario's: only \(known) of its \(total) organizations are on this ledger "
        + "(its input \(previous.prefix(12))…, this scenario \(scenario.prefix(12))…); pass --allow-other-scenario if it is really the one "
        + "/ 上期方案似乎属于其他场景：其 \(total) 个组织中仅 \(known) 个在本台账中；如确认无误，请加 --allow-other-scenario"
    }
  }

  private func codePointName(_ codePoint: UInt32) -> String {
    let hex = String(codePoint, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  private func didYouMean(_ suggestion: String?) -> String {
    suggestion.map { " — did you mean / 是否为 \($0.quotedEcho)?" } ?? ""
  }
}

extension WorkbookProblem {
  /// What is wrong and what the clerk can do.
  public var message: String {
    let saveAs = "open it in Excel or WPS and save it as Excel Workbook (.xlsx) or CSV UTF-8 / 请用 Excel 或 WPS 打开，另存为 Excel 工作簿（.xlsx）或 CSV UTF-8"
    switch self {
    case .oldBinaryFormat:
      return "an Excel 97–2003 (.xls) or WPS (.et) file cannot be read: \(saveAs) / 不支持 .xls 或 .et 格式"
    case .passwordProtected:
      return "the workbook is password-protected: remove the password (File → Info → Protect Workbook) and save it again as .xlsx, or save as CSV / 工作簿有密码保护，请取消密码后另存为 .xlsx 或 CSV"
    case .numbersDocument:
      return "a Numbers document cannot be read: export it (File → Export To → Excel or CSV) / 不支持 Numbers 文件，请导出为 Excel 或 CSV"
    case .notAWorkbook(let detail):
      return "not an Excel workbook / 不是 Excel 工作簿 (\(detail)): \(saveAs)"
    case .malformed(let part, let detail):
      return "the workbook is damaged / 工作簿已损坏 (\(part): \(detail)): \(saveAs)"
    case .tooLarge(let detail):
      return "the workbook is too large to read / 工作簿过大 (\(detail)): save the tables as CSV / 请另存为 CSV"
    }
  }
}

extension OutputError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .folderExists(let path):
      "\(path): the output folder exists already, nothing is overwritten / 输出文件夹已存在，不会覆盖"
    case .cannotCreateFolder(let path, let reason):
      "\(path): cannot create the folder / 无法创建文件夹: \(reason)"
    case .fileExists(let path):
      "\(path): the file exists already / 文件已存在"
    case .cannotWriteFile(let path, let reason):
      "\(path): cannot write the file / 无法写入文件: \(reason)"
    case .unrepresentable(let file, let value, let reason):
      "\(file): cannot write \(value.quotedEcho) / 无法写入: \(reason)"
    }
  }
}
