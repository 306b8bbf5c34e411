"""`hub report --from --to` prints the figures as tables; a bad period is one line and exit 2."""

from __future__ import annotations

from tests.cli_process import run_hub


def test_report_prints_the_figures_and_refuses_a_bad_period(tmp_path):
    assert run_hub("migrate", storage=tmp_path).returncode == 0
    shown = run_hub("report", "--from", "2026-04-27", "--to", "2026-05-10", storage=tmp_path)
    assert shown.returncode == 0, shown.stderr
    for text in ("Figures 2026-04-27 .. 2026-05-10", "收件 received", "供电", "2026-05"):
        assert text in shown.stdout

    backwards = run_hub("report", "--from", "2026-05-10", "--to", "2026-05-09", storage=tmp_path)
    assert backwards.returncode == 2
    assert "不能早于" in backwards.stderr
    garbled = run_hub("report", "--from", "2026-13-01", "--to", "2026-05-09", storage=tmp_path)
    assert garbled.returncode == 2
    assert "YYYY-MM-DD" in garbled.stderr
