"""Atomic writes: the old file or the new one, and no temporary file left, whenever Ctrl-C arrives."""

from __future__ import annotations

import os

import pytest

from advisor import fileio
from advisor.fileio import write_atomic


def test_writes_and_replaces_keeping_permissions(tmp_path):
    target = tmp_path / "report.json"
    write_atomic(target, "one")
    os.chmod(target, 0o640)
    write_atomic(target, "two")
    assert target.read_text() == "two"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize("where", ["os.open", "fdopen"])
def test_ctrl_c_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch, where):
    target = tmp_path / "report.json"
    write_atomic(target, "old")
    real_open = os.open

    def open_then_interrupt(*args, **kwargs):  # the file exists, but its descriptor never reaches the caller
        real_open(*args, **kwargs)
        raise KeyboardInterrupt

    def fdopen_interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    if where == "os.open":
        monkeypatch.setattr(fileio.os, "open", open_then_interrupt)
    else:
        monkeypatch.setattr(fileio.os, "fdopen", fdopen_interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_a_knowledge_cache_write_that_fails_leaves_nothing_behind(tmp_path, monkeypatch):
    from advisor import cache

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path))
    monkeypatch.setattr(cache.pickle, "dump", disk_full)
    assert cache.cached("k", lambda: {"built": True}) == {"built": True}
    assert list(tmp_path.iterdir()) == []


def test_the_cache_says_when_it_builds_and_not_when_it_loads(tmp_path, monkeypatch):
    from advisor import cache

    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path))
    built: list[str] = []
    assert cache.cached("k", lambda: 41, lambda: built.append("building")) == 41
    assert cache.cached("k", lambda: 42, lambda: built.append("building")) == 41  # loaded, not rebuilt
    assert built == ["building"]


def test_cache_setting_on_keeps_the_default_place_and_off_turns_it_off(tmp_path, monkeypatch):
    from advisor import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for setting in ("on", "1", "YES", "true", ""):
        monkeypatch.setenv(cache.ENV_VAR, setting)
        assert cache.cache_dir() == tmp_path / "pmo-advisor"
    for setting in ("off", "0", "No"):
        monkeypatch.setenv(cache.ENV_VAR, setting)
        assert cache.cache_dir() is None
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "elsewhere"))
    assert cache.cache_dir() == tmp_path / "elsewhere"


def test_the_build_notice_goes_to_a_terminal_only(monkeypatch, capsys):
    from advisor import cache

    monkeypatch.setattr(cache.sys.stderr, "isatty", lambda: False, raising=False)
    assert cache.stderr_notice() is None
    monkeypatch.setattr(cache.sys.stderr, "isatty", lambda: True, raising=False)
    assert cache.stderr_notice(quiet=True) is None
    notice = cache.stderr_notice()
    assert notice is not None
    notice()
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == cache.BUILD_NOTICE + "\n"


def test_building_the_index_pauses_the_collector_and_restores_it(tmp_path, monkeypatch):
    import gc

    from advisor import cache

    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path))
    seen: list[bool] = []
    assert cache.cached("k", lambda: seen.append(gc.isenabled()) or 1) == 1
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        assert cache.cached("k", lambda: 2) == 1  # loaded from the cache
        assert not gc.isenabled()  # a caller's own setting is left as it was
    finally:
        gc.enable()
