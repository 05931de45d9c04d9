"""A plan folder holds what the README promises."""
from conftest import run_dispatch


def test_demo_plan_folder_has_the_promised_files(tmp_path):
    out = tmp_path / "demo-plan"
    run_dispatch("plan", "scenarios/demo", "--out", out)
    for name in ["plan.csv", "summary.json", "report.md"]:
        assert (out / name).is_file(), name
