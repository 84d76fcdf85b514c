"""Import hygiene (the library never loads Textual) and an installed wheel that works."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from support import ROOT

import advisor


def test_public_api_resolves():
    for name in advisor.__all__:
        assert getattr(advisor, name) is not None, name
    for name in ("Advisor", "Case", "Diagnosis", "InterviewSession", "AdvisorError"):
        assert name in advisor.__all__


def _fresh(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_import_advisor_does_not_import_textual():
    result = _fresh("import sys, advisor; print('textual' in sys.modules, 'tui' in sys.modules)")
    assert result.stdout.split() == ["False", "False"], result.stderr


def test_batch_path_does_not_import_textual(tmp_path):
    case = tmp_path / "c.txt"
    case.write_text("Everything is priority one.\n", encoding="utf-8")
    code = (
        "import sys\nfrom advisor.cli import main\n"
        f"code = main(['diagnose', {str(case)!r}, '--format', 'markdown', '--quiet'])\n"
        "print('\\nTEXTUAL', 'textual' in sys.modules, 'rich' in sys.modules, code)"
    )
    result = _fresh(code)
    assert result.stdout.strip().splitlines()[-1] == "TEXTUAL False False 0", result.stdout[-500:] + result.stderr


def test_no_module_of_the_library_imports_the_ui():
    for path in (ROOT / "advisor").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            assert not stripped.startswith(("import textual", "from textual", "import tui", "from tui")), (path, line)


@pytest.mark.slow
def test_wheel_installs_and_runs_from_a_fresh_venv(tmp_path):
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    wheel = next(dist.glob("pmo_advisor-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "advisor/_knowledge/knowledge.yaml" in names
    assert any(n.startswith("advisor/_knowledge/symptoms/") for n in names)
    assert any(n.startswith("tui/") for n in names)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    install = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
                             capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PMO_ADVISOR_CACHE": "off"}
    env.pop("PMO_ADVISOR_KNOWLEDGE", None)
    validate = subprocess.run([str(bin_dir / "pmo-advisor"), "kb", "validate"], capture_output=True, text=True,
                              cwd=elsewhere, env=env, timeout=300)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert "_knowledge" in subprocess.run([str(bin_dir / "python"), "-c",
                                           "from advisor.knowledge import default_knowledge_dir as d; print(d())"],
                                          capture_output=True, text=True, cwd=elsewhere, env=env).stdout
    case = elsewhere / "notes.txt"
    case.write_text("Everything is priority one, so nothing is.\n", encoding="utf-8")
    diagnose = subprocess.run([str(bin_dir / "pmo-advisor"), "diagnose", str(case)], capture_output=True, text=True,
                              cwd=elsewhere, env=env, timeout=300)
    assert diagnose.returncode == 0, diagnose.stderr
    assert '"root_causes"' in diagnose.stdout


def test_readme_library_example_runs(tmp_path, monkeypatch):
    """The README's library example works as written."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - our own documentation
    assert (tmp_path / "acme.session.json").exists()
