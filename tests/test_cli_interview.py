"""``pmo-advisor interview --case FILE``: bad starts end before any screen, with one line."""

from __future__ import annotations


def test_a_case_and_a_session_to_resume_are_one_too_many(cli, tmp_path):
    result = cli("interview", "--case", "a.yaml", "--resume", "b.json")
    assert result.returncode == 2
    assert "not allowed with argument" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_case_file_that_cannot_be_read_is_one_line(cli, tmp_path):
    path = tmp_path / "acme.yaml"
    path.write_text("case: acme\nstakehoders: []\n", encoding="utf-8")
    result = cli("interview", "--case", str(path))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"{path}:2: unknown key 'stakehoders' (did you mean 'stakeholders'?)"]
    assert result.stdout == ""
