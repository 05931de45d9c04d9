"""Ledger text with markup, pipes and line breaks is shown, never run, in every document."""
import shutil

from conftest import REPO, run_dispatch

HOSTILE = '<img src=x onerror=alert(1)>甲|乙'


def test_hostile_names_are_escaped_in_html_and_markdown(tmp_path):
    scenario = tmp_path / "hostile"
    shutil.copytree(REPO / "scenarios" / "demo", scenario)
    path = scenario / "organizations.csv"
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    cells = lines[1].split(",")
    cells[1] = '"' + HOSTILE + '\n第二行"'
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "plan"
    run_dispatch("plan", scenario, "--out", out)
    for name in ["report.html", "notices.html"]:
        html = (out / name).read_text(encoding="utf-8")
        assert "<img" not in html, name
    notices = (out / "notices.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;甲|乙<br>第二行" in notices
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "<img" not in md
    # Every table row of the report keeps its column count.
    for block in md.split("\n\n"):
        rows = [r for r in block.splitlines() if r.startswith("|")]
        if len(rows) >= 2:
            widths = {len(r.replace("\\|", "").split("|")) for r in rows}
            assert len(widths) == 1, block
