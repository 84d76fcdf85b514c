"""The YAML reader's direct constructor builds exactly what PyYAML's general constructor builds."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from yaml.nodes import ScalarNode

from advisor.yamlio import LineDict, LineList, _BaseLoader, _construct_plain, _Loader, _plain_scalar_tag
from support import CASES, EXAMPLES, ROOT

ODD = [
    "a: 1\nb: [1, 2, {c: d}]\nb: 2\n",  # a duplicate key
    "- yes\n- 2024-01-01\n- 1.5\n- ~\n- 0x10\n- '12'\n- ''\n- 2001-12-14t21:59:43.10-05:00\n",
    "{1: a, 1.5: b, null: c, true: d, on: e}",
    "a:\n  - - - x\n  - {b: [c, {d: e}]}\nf: g\n",
    "<<: {a: 1}\nb: 2\n",  # below: what the general constructor builds, or the error it names
    "=: x",
    "a: !!binary aGVsbG8=\n",
    "!!str {a: 1}",
    "? [a]\n: 1\n",
    "a: !foo bar\n",
]


def _shape(data: Any) -> Any:
    """Data with its lines, types and reprs, for comparing."""
    if isinstance(data, LineDict):
        return ("map", data.line, data.key_lines, data.duplicate_keys, [(k, _shape(v)) for k, v in data.items()])
    if isinstance(data, LineList):
        return ("seq", data.line, data.item_lines, [_shape(v) for v in data])
    return type(data).__name__, repr(data)


def _built(text: str, plain: bool) -> Any:
    loader = _Loader(text, 100)
    try:
        node = loader.get_single_node()
        return _shape(_construct_plain(loader, node) if plain else loader.construct_document(node))
    except Exception as exc:  # noqa: BLE001 - the direct constructor leaves these documents to the general one
        return "refused" if plain else type(exc).__name__
    finally:
        loader.dispose()


def test_direct_constructor_builds_the_same_for_every_yaml_file():
    paths = [*CASES.glob("*.yaml"), *EXAMPLES.glob("*.yaml"), *(ROOT / "benchmarks").glob("holdout*/*.yaml"), *(ROOT / "knowledge").rglob("*.yaml")]
    for path in sorted(paths):
        text = path.read_text(encoding="utf-8-sig")
        assert _built(text, plain=True) == _built(text, plain=False), path


@pytest.mark.parametrize("text", ODD, ids=lambda t: t[:20])
def test_direct_constructor_builds_the_same_or_refuses(text):
    plain = _built(text, plain=True)
    if plain == "refused":
        assert ODD.index(text) >= 4
    else:
        assert plain == _built(text, plain=False)


def test_plain_scalars_resolve_as_pyyaml_does():
    resolver = _BaseLoader("")
    values = ["", "yes", "No", "on", "~", "null", "1", "-1_000", "0x1f", "0o7", "1.5", "+.5", ".inf", ".NaN", "1:30", "2024-01-01", "=", "<<", "a b"]
    for value in values:
        assert _plain_scalar_tag(value) == yaml.resolver.BaseResolver.resolve(resolver, ScalarNode, value, (True, False)), value
