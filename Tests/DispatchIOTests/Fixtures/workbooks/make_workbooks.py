"""Writes the workbook fixtures of WorkbookReaderTests (run once; the outputs are committed).

    python3 make_workbooks.py      # needs openpyxl

ledger.xlsx   a small scenario as a clerk keeps it: merged title rows, numeric and text ids,
              a date column, a boolean, extra ledger columns, a hidden sheet, an empty sheet.
bad.xlsx      the same with errors at known cells.
inline.xlsx   hand-written XML (zipfile): inline strings, formula strings, booleans, errors,
              a custom date format, phonetic runs, cells without references, prefixed elements.
old.xls       an OLE compound file header (Excel 97-2003).
locked.xlsx   an OLE compound file naming EncryptionInfo (a password-protected workbook).
notutf8.xlsx  inline.xlsx with a byte that is not UTF-8 in an element name (FoundationXML traps on it).
"""
import datetime
import zipfile

import openpyxl


def ledger(path, bad=False):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "指导员"
    ws.append(["黄山市党建工作指导员台账"])
    ws.merge_cells("A1:G1")
    ws.append([])
    ws.append(["编号", "姓名", "选派单位", "区域", "联系上限", "联系电话", "入职日期"])
    ws.append(["001", "张伟", "U1", "R1", 2, "13800000001", datetime.date(2024, 3, 1)])
    ws.append([2, "李娜", "U1", "R1", "abc" if bad else 1.0, None, datetime.datetime(2023, 12, 31, 8, 30)])
    ws.append([None] * 7)  # an empty row inside the data
    ws.append(["I3", "王强", "U1", "R2", 1, "0559-1234567", None])
    orgs = wb.create_sheet("组织")
    orgs.append(["编号", "名称", "区域", "行业", "重点项目", "地址"])
    orgs.append(["O1", "甲公司", "R1", "商贸", True, "黄山路1号"])
    orgs.append(["O2", "乙公司", "R2" if not bad else "", "制造", False, None])
    orgs.append(["O3", "丙协会", "R1", "社会组织", None, "屯溪区"])
    units = wb.create_sheet("Units")
    units.append(["id", "name"])
    units.append(["U1", "区市场监督管理局"])
    hidden = wb.create_sheet("旧数据")
    hidden.append(["编号", "名称"])
    hidden.append(["X", "旧"])
    hidden.sheet_state = "hidden"
    wb.create_sheet("Sheet2")  # empty: skipped silently
    notes = wb.create_sheet("说明")
    notes.append(["填写说明"])
    wb.save(path)


SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<x:sheetData>
<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>编号</x:t></x:is></x:c><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>联系</x:t></x:r><x:r><x:t>上限</x:t></x:r></x:is></x:c><x:c t="inlineStr"><x:is><x:t>标记</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>错误</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>日期</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>时间</x:t></x:is></x:c></x:row>
<x:row r="3"><x:c r="A3" t="str"><x:f>"00"&amp;"7"</x:f><x:v>007</x:v></x:c><x:c r="B3" t="s"><x:v>1</x:v></x:c><x:c r="C3"><x:v>3.0</x:v></x:c><x:c r="D3" t="b"><x:v>1</x:v></x:c><x:c r="E3" t="e"><x:v>#N/A</x:v></x:c><x:c r="F3" s="1"><x:v>45352</x:v></x:c><x:c r="G3" s="2"><x:v>0.5</x:v></x:c><x:c r="H3" s="0"/></x:row>
<x:row r="4"><x:c r="A4"><x:v>12</x:v></x:c><x:c r="C4"><x:v>0.30000000000000004</x:v></x:c><x:c r="D4" t="b"><x:v>0</x:v></x:c></x:row>
</x:sheetData>
</x:worksheet>
"""

SHARED = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">
<si><t>姓名</t></si>
<si><r><t>张</t></r><r><t xml:space="preserve">伟 </t></r><rPh sb="0" eb="1"><t>チョウ</t></rPh></si>
</sst>
"""

STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="20" applyNumberFormat="1"/></cellXfs>
</styleSheet>
"""

WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Cells" sheetId="1" r:id="rId1"/></sheets>
</workbook>
"""

WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>
"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>
"""


def inline(path, sheet=SHEET.encode("utf-8")):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/sharedStrings.xml", SHARED)
        z.writestr("xl/styles.xml", STYLES)


OLE = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504)

if __name__ == "__main__":
    ledger("ledger.xlsx")
    ledger("bad.xlsx", bad=True)
    inline("inline.xlsx")
    inline("notutf8.xlsx", SHEET.encode("utf-8").replace(b"<x:sheetData>", b"<x:sh\xddetData>"))
    with open("old.xls", "wb") as f:
        f.write(OLE + bytes(512))
    with open("locked.xlsx", "wb") as f:
        f.write(OLE + "EncryptionInfo".encode("utf-16-le") + bytes(512))
