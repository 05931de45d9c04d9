"""A ledger kept as an Excel workbook plans exactly as the same data in CSV (issue 11 §1).

The workbook is written here with openpyxl the way a clerk's file looks: a merged title row
and a line of notes above each header, ids typed as numbers, a date column, a hidden sheet,
an empty sheet.
"""
import csv
import datetime
import pathlib

import openpyxl

from conftest import REPO, run_dispatch

DEMO = REPO / "scenarios" / "demo"
SHEETS = {  # CSV file → sheet name (Chinese, as clerks name them)
    "instructors.csv": "指导员", "organizations.csv": "组织", "units.csv": "单位",
    "regions.csv": "区域", "wishes.csv": "志愿", "overrides.csv": "指定",
}
NUMERIC_COLUMNS = {"联系上限", "志愿顺序"}
ID_COLUMNS = {"编号", "志愿方", "志愿对象", "指导员"}


def demo_tables():
    tables = {}
    for name in SHEETS:
        with open(DEMO / name, encoding="utf-8-sig", newline="") as f:
            tables[name] = list(csv.reader(f))
    return tables


def clerk_variant(tables):
    """Instructor ids become numbers (I01 → 101) everywhere; instructors get 联系电话 and 入职日期."""
    ids = {row[0]: str(100 + k) for k, row in enumerate(tables["instructors.csv"][1:], start=1)}
    out = {name: [[ids.get(cell, cell) for cell in row] for row in rows] for name, rows in tables.items()}
    instructors = out["instructors.csv"]
    instructors[0] += ["联系电话", "入职日期"]
    for k, row in enumerate(instructors[1:], start=1):
        row += [f"0559-25{k:05d}", (datetime.date(2020, 1, 1) + datetime.timedelta(days=37 * k)).isoformat()]
    return out


def write_csv_folder(tables, folder: pathlib.Path):
    folder.mkdir()
    for name, rows in tables.items():
        with open(folder / name, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)


def typed(header, value):
    """A cell as Excel would hold it: numbers as numbers, dates as dates, the rest text."""
    if value == "":
        return None
    if (header in NUMERIC_COLUMNS or header in ID_COLUMNS) and value.isdigit():
        return int(value)
    if header == "入职日期":
        return datetime.date.fromisoformat(value)
    return value


def write_workbook(tables, path: pathlib.Path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in tables.items():
        ws = wb.create_sheet(SHEETS[name])
        header = rows[0]
        ws.append([f"黄山市{SHEETS[name]}台账（2024年）"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        ws.append(["填报单位：组织部", None, None, "日期：2024-03-01"])
        ws.append(header)
        for row in rows[1:]:
            ws.append([typed(h, v) for h, v in zip(header, row)])
    hidden = wb.create_sheet("上季度指导员")
    hidden.append(["编号", "姓名"])
    hidden.append([999, "已离任"])
    hidden.sheet_state = "hidden"
    wb.create_sheet("Sheet3")
    wb.save(path)


def test_workbook_plans_byte_for_byte_as_its_csv_twin(tmp_path):
    tables = clerk_variant(demo_tables())
    csv_folder = tmp_path / "csv-ledger"
    write_csv_folder(tables, csv_folder)
    workbook = tmp_path / "台账.xlsx"
    write_workbook(tables, workbook)

    # The ids really are numeric cells and the dates real dates in the workbook.
    check = openpyxl.load_workbook(workbook)
    assert isinstance(check["指导员"]["A4"].value, int)
    assert isinstance(check["指导员"].cell(row=4, column=len(tables["instructors.csv"][0])).value, datetime.datetime)

    from_csv = run_dispatch("plan", csv_folder, "--out", tmp_path / "plan-csv")
    from_xlsx = run_dispatch("plan", workbook, "--out", tmp_path / "plan-xlsx")
    a = (tmp_path / "plan-csv" / "plan.csv").read_bytes()
    b = (tmp_path / "plan-xlsx" / "plan.csv").read_bytes()
    assert a == b
    # The ledger's own columns travel into the plan, dates as ISO dates.
    header = a.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[-2:] == ["指导员·联系电话", "指导员·入职日期"]
    assert "2020-02-07" in b.decode("utf-8-sig")
    # The hidden sheet is reported, not read; the kept columns are a note.
    assert "台账.xlsx!上季度指导员: warning: hidden sheet" in from_xlsx.stderr
    assert "note: ledger columns kept" in from_xlsx.stderr
    assert "warning" not in from_csv.stderr


def test_a_folder_mixing_xlsx_and_csv_plans_the_same(tmp_path):
    tables = clerk_variant(demo_tables())
    folder = tmp_path / "mixed"
    write_csv_folder({k: v for k, v in tables.items() if k in {"units.csv", "regions.csv"}}, folder)
    write_workbook({k: v for k, v in tables.items() if k not in {"units.csv", "regions.csv"}}, folder / "台账.xlsx")
    write_csv_folder(tables, tmp_path / "csv")
    run_dispatch("plan", folder, "--out", tmp_path / "p1")
    run_dispatch("plan", tmp_path / "csv", "--out", tmp_path / "p2")
    assert (tmp_path / "p1" / "plan.csv").read_bytes() == (tmp_path / "p2" / "plan.csv").read_bytes()


def test_workbook_errors_name_workbook_sheet_and_cell(tmp_path):
    tables = clerk_variant(demo_tables())
    tables["instructors.csv"][2][4] = "三"  # capacity of the second instructor
    workbook = tmp_path / "台账.xlsx"
    write_workbook(tables, workbook)
    result = run_dispatch("validate", workbook, check=False)
    assert result.returncode == 65
    # Title and notes on rows 1-2, the header on row 3: the second instructor is row 5; capacity is column E.
    assert '台账.xlsx!指导员!E5: capacity must be a whole number ≥ 0 / 联系上限须为非负整数: "三"' in result.stderr


def test_old_excel_files_are_refused_with_how_to_save(tmp_path):
    old = tmp_path / "台账.xls"
    old.write_bytes(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(1024))
    result = run_dispatch("validate", old, check=False)
    assert result.returncode == 65
    assert ".xlsx" in result.stderr and "另存为" in result.stderr


def test_template_workbook_is_filled_in_and_planned(tmp_path):
    """The office's path: template → fill in (openpyxl as the clerk) → validate → plan."""
    run_dispatch("template", tmp_path / "t", "--xlsx")
    path = tmp_path / "t" / "台账.xlsx"
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "说明"
    ws = wb["指导员"]
    assert [c.value for c in ws[1]][:5] == ["编号", "姓名", "选派单位", "区域", "联系上限"]
    assert ws["A2"].data_type == "s" and ws["A2"].number_format == "@"  # ids stored as text
    # The clerk adds a second instructor and organization below the examples, ids typed as 002.
    ws.append(["I002", "李四", "U01", "R01", 2, None, None, None, None, "兼职", "13900000000"])
    orgs = wb["组织"]
    orgs.append(["O002", "黄山示例商贸有限公司", "R01", "商贸", "企业", "微型", "无党员"] + [None] * 5 + ["黄山西路2号", "赵六", "0559-2511111", "", ""])
    wb.save(path)
    assert "输入无误" in run_dispatch("validate", path).stdout
    run_dispatch("plan", path, "--out", tmp_path / "plan")
    plan = (tmp_path / "plan" / "plan.csv").read_text(encoding="utf-8-sig")
    assert "黄山西路2号" in plan  # the organization's own column reached the plan
    assert "O002" in plan


def test_replan_with_a_wide_chinese_change_workbook(tmp_path):
    """The quarterly change table as a clerk keeps it: a workbook, Chinese verbs, one row per change."""
    run_dispatch("plan", DEMO, "--out", tmp_path / "q1")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "变动"
    ws.append(["2024年第二季度台账变动"])
    ws.append(["操作", "编号", "名称", "区域", "行业", "规模"])
    ws.append(["新增组织", "O99", "黄山新材料有限公司", "R1", "制造", "小型"])
    ws.append(["注销组织", "O01", None, None, None, None])
    ws.append(["变更组织", "O02", None, None, None, "中型"])
    changes = tmp_path / "变动.xlsx"
    wb.save(changes)
    run_dispatch("replan", DEMO, "--previous", tmp_path / "q1", "--changes", changes, "--out", tmp_path / "q2")
    plan = (tmp_path / "q2" / "plan.csv").read_text(encoding="utf-8-sig")
    ids = {line.split(",")[0] for line in plan.splitlines()[1:]}
    assert "O99" in ids and "O01" not in ids and "O02" in ids

    ws.append(["变更组织", "O03", None, None, None, "巨型"])
    wb.save(changes)
    bad = run_dispatch("replan", DEMO, "--previous", tmp_path / "q1", "--changes", changes, "--out", tmp_path / "q3", check=False)
    assert bad.returncode == 65
    assert "变动.xlsx!变动!6:6" in bad.stderr and "巨型" in bad.stderr
