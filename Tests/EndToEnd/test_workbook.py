"""方案.xlsx read back with openpyxl: every sheet, every slot, ids and phones as text."""
import csv
import shutil

import openpyxl
import pytest

from conftest import REPO, run_dispatch

SHEETS = ["摘要", "方案", "指导员", "区域汇总", "单位汇总", "未覆盖", "规则"]


def plan_rows(folder):
    with open(folder / "plan.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


@pytest.fixture(scope="module")
def demo_plan(tmp_path_factory):
    out = tmp_path_factory.mktemp("wb") / "demo"
    run_dispatch("plan", "scenarios/demo", "--out", out)
    return out


def test_every_sheet_and_every_slot_as_in_plan_csv(demo_plan):
    book = openpyxl.load_workbook(demo_plan / "方案.xlsx")
    assert book.sheetnames == SHEETS
    csv_rows = plan_rows(demo_plan)
    sheet = book["方案"]
    rows = [[("" if c is None else c) for c in r] for r in sheet.iter_rows(values_only=True)]
    header, body = rows[0], rows[1:]
    assert header[: len(csv_rows[0])] == csv_rows[0][: len(header)] or header[:12] == csv_rows[0][:12]
    assert len(body) == len(csv_rows) - 1
    for got, want in zip(body, csv_rows[1:]):
        for c in range(12):
            value = got[c]
            assert (str(value) if value != "" else "") == want[c], (c, got, want)
    assert "重点项目" in header and "党组织状态" in header and "指导员所在区域" in header
    # Frozen header and a filter over the table.
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")


def test_ids_are_text_cells(demo_plan):
    book = openpyxl.load_workbook(demo_plan / "方案.xlsx")
    sheet = book["方案"]
    for row in sheet.iter_rows(min_row=2):
        assert row[0].data_type == "s" and row[0].number_format == "@"
        if row[5].value is not None:
            assert row[5].data_type == "s"
    instructors = book["指导员"]
    assert instructors.max_row - 1 == 10  # one row per instructor of the demo ledger
    assert all(r[0].data_type == "s" for r in instructors.iter_rows(min_row=2))


def test_leading_zero_ids_and_phones_stay_text(tmp_path):
    scenario = tmp_path / "zeros"
    shutil.copytree(REPO / "scenarios" / "demo", scenario)
    # Give one organization a leading-zero phone and a credit code in extra ledger columns.
    path = scenario / "organizations.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[0] += ",联系电话,统一社会信用代码"
    lines[1] += ",05591234567,91341000MA2N0001X0"
    for k in range(2, len(lines)):
        lines[k] += ",,"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "plan"
    run_dispatch("plan", scenario, "--out", out)
    book = openpyxl.load_workbook(out / "方案.xlsx")
    sheet = book["方案"]
    header = [c.value for c in sheet[1]]
    phone = header.index("联系电话")
    first = sheet[2]
    assert first[phone].value == "05591234567" and first[phone].data_type == "s"


def test_english_workbook_name_and_sheets(tmp_path):
    out = tmp_path / "en"
    run_dispatch("plan", "scenarios/demo", "--out", out, "--lang", "en")
    book = openpyxl.load_workbook(out / "plan.xlsx")
    assert book.sheetnames == ["Summary", "Plan", "Instructors", "By region", "By unit", "Open slots", "Rules"]


def test_replan_adds_the_changes_sheet(tmp_path):
    first = tmp_path / "first"
    run_dispatch("plan", "scenarios/demo", "--out", first)
    second = tmp_path / "second"
    run_dispatch("replan", "scenarios/demo", "--previous", first, "--out", second)
    book = openpyxl.load_workbook(second / "方案.xlsx")
    assert book.sheetnames == SHEETS + ["变动"]
    changes = list(book["变动"].iter_rows(values_only=True))
    assert len(changes) - 1 == len(plan_rows(second)) - 1  # one row per slot, as changes.csv


def test_candidates_get_one_comparison_workbook(tmp_path):
    out = tmp_path / "cands"
    run_dispatch("plan", "scenarios/demo", "--candidates", "2", "--out", out)
    book = openpyxl.load_workbook(out / "候选方案比较.xlsx")
    rows = [r for r in book.worksheets[0].iter_rows(min_row=4, values_only=True) if r[0]]
    assert len(rows) >= 1
    assert (out / "candidate-1" / "方案.xlsx").is_file()
