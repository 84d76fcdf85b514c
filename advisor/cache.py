"""A private cache of the loaded knowledge and matcher index, so a one-case run starts fast.

The cache holds only what this program built from already validated knowledge
(never a user file's contents as code). Its key is the package version, the
Python version and the path, size and modification time of every knowledge
file, so any edit rebuilds it. A missing, stale or unreadable cache is simply
rebuilt; a read-only home only costs speed. ``PMO_ADVISOR_CACHE=off`` disables it,
a folder moves it, and ``on`` keeps the default place.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import __version__

ENV_VAR = "PMO_ADVISOR_CACHE"
_OFF = ("0", "off", "no", "false")
_ON = ("1", "on", "yes", "true")
BUILD_NOTICE = "pmo-advisor: building the knowledge index, once after an install or a knowledge edit (a few seconds)..."


def cache_dir() -> Path | None:
    """Where cached knowledge lives, or None when caching is off."""
    setting = (os.environ.get(ENV_VAR) or "").strip()
    if setting.lower() in _OFF:
        return None
    if setting and setting.lower() not in _ON:
        return Path(setting).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pmo-advisor"


def knowledge_key(folders: Iterable[Path], extra: str = "") -> str:
    """A fingerprint of the knowledge folders' files (path, size, mtime) and of this program's own
    source files, so neither a knowledge edit nor a code change can load a stale index."""
    digest = hashlib.sha256(f"{__version__}|{sys.version}|{extra}".encode())
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        stat = source.stat()
        digest.update(f"{source.name}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    for folder in folders:
        folder = Path(folder).resolve()
        digest.update(str(folder).encode())
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".yaml", ".yml") and path.is_file():
                stat = path.stat()
                digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def cached(key: str, build: Callable[[], Any], on_build: Callable[[], None] | None = None) -> Any:
    """The value cached under ``key``, or ``build()``'s result, cached for next time
    (``on_build`` is called first when it has to be built: a front end's cue to say it takes a while)."""
    folder = cache_dir()
    if folder is None:
        return _build(build, on_build)
    path = folder / f"knowledge-{key}.pickle"
    try:
        with path.open("rb") as handle, _collector_paused():
            return pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        pass
    value = _build(build, on_build)
    try:
        from .fileio import atomic_file

        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with atomic_file(path, binary=True) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        _prune(folder, keep=path)
    except OSError:
        pass
    return value


def _build(build: Callable[[], Any], on_build: Callable[[], None] | None) -> Any:
    if on_build is not None:
        on_build()
    with _collector_paused():
        return build()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Building or unpickling the index creates millions of objects and little garbage: collecting
    meanwhile only costs time (about an eighth of a cold build)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _prune(folder: Path, keep: Path, limit: int = 8) -> None:
    """Keep the newest few cache files; knowledge edits would otherwise pile them up."""
    files = sorted(folder.glob("knowledge-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[limit:]:
        if old != keep:
            try:
                old.unlink()
            except OSError:
                pass


def stderr_notice(quiet: bool = False) -> Callable[[], None] | None:
    """For a command-line front end: say on stderr, when it is a terminal, that the index is being built."""
    if quiet or not sys.stderr.isatty():
        return None
    return lambda: print(BUILD_NOTICE, file=sys.stderr, flush=True)
