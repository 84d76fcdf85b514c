"""Safe YAML loading that remembers where every key and item came from.

Only plain data is built (``SafeLoader`` semantics): no Python objects, no
code. Mappings and sequences come back as ``dict``/``list`` subclasses that
carry line numbers, so a validation error can name ``file:line``. Aliases are
counted and capped, so a "billion laughs" document cannot exhaust memory.
"""

from __future__ import annotations

from collections import deque
from functools import lru_cache
from typing import Any, Iterable

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

try:  # the C parser is much faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_ALIASES = 100
MAX_EXPANDED_NODES = 200_000


class YamlSyntaxError(ValueError):
    """The text is not YAML, or breaks a safety limit; ``line`` is 1-based."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


class LineDict(dict):
    """A mapping with ``line`` (its own) and ``key_lines`` (each key's line)."""

    line: int = 0
    key_lines: dict[Any, int]
    duplicate_keys: list[tuple[Any, int]]


class LineList(list):
    """A sequence with ``line`` (its own) and ``item_lines`` (each item's line)."""

    line: int = 0
    item_lines: list[int]


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    def __init__(self, stream: str, max_aliases: int):
        super().__init__(stream)
        self._aliases_left = max_aliases

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            self._aliases_left -= 1
            if self._aliases_left < 0:
                raise YamlSyntaxError("too many YAML aliases (refusing a possible alias bomb)", node.start_mark.line + 1)
        return super().construct_object(node, deep)

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and implicit[0] and not self.yaml_path_resolvers:
            return _plain_scalar_tag(value)  # the same keys and values recur in every case file
        return super().resolve(kind, value, implicit)


@lru_cache(maxsize=4096)
def _plain_scalar_tag(value: str) -> str:
    """The tag an untagged, unquoted scalar resolves to (null, bool, int, ... or str)."""
    return _BaseLoader.resolve(_Loader, ScalarNode, value, (True, False))


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Iterable[LineDict]:
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    data.duplicate_keys = []
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            raise YamlSyntaxError("a mapping key must be a plain value", line) from None
        if key in data:
            data.duplicate_keys.append((key, line))
        data[key] = loader.construct_object(value_node, deep=False)
        data.key_lines[key] = line


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Iterable[LineList]:
    data = LineList()
    data.line = node.start_mark.line + 1
    data.item_lines = [child.start_mark.line + 1 for child in node.value]
    yield data
    data.extend(loader.construct_object(child, deep=False) for child in node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"
_PLAIN_SCALARS = frozenset(_TAG + t for t in ("null", "bool", "int", "float", "timestamp"))


class _Unusual(Exception):
    """The document needs the general constructor (a merge key, another tag, a key that is not a scalar)."""


def _construct_plain(loader: _Loader, root: yaml.Node) -> Any:
    """What ``loader.construct_document(root)`` builds for a document without aliases, merge keys,
    complex keys or unusual tags, without its bookkeeping per node; raises anything for any other document.

    Containers are filled in the general constructor's order (breadth first), with the same scalar
    constructors: the data, and its lines, are the same."""
    constructors = loader.yaml_constructors
    pending: deque[tuple[Any, yaml.Node]] = deque()

    def build(node: yaml.Node) -> Any:
        kind, tag = type(node), node.tag
        if kind is ScalarNode:
            if tag == _STR:
                return node.value
            if tag in _PLAIN_SCALARS:
                return constructors[tag](loader, node)
        elif kind is MappingNode and tag == _MAP:
            data = LineDict()
            data.line = node.start_mark.line + 1
            data.key_lines = {}
            data.duplicate_keys = []
            pending.append((data, node))
            return data
        elif kind is SequenceNode and tag == _SEQ:
            items = LineList()
            items.line = node.start_mark.line + 1
            items.item_lines = [child.start_mark.line + 1 for child in node.value]
            pending.append((items, node))
            return items
        raise _Unusual(tag)

    document = build(root)
    while pending:
        data, node = pending.popleft()
        if type(data) is LineList:
            data.extend([build(child) for child in node.value])
            continue
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                raise _Unusual("complex key")
            key = build(key_node)
            line = key_node.start_mark.line + 1
            if key in data:
                data.duplicate_keys.append((key, line))
            data[key] = build(value_node)
            data.key_lines[key] = line
    return document


def _expanded_size(root: yaml.Node, limit: int) -> None:
    """Refuse documents whose aliases expand to more than ``limit`` nodes."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = [] if isinstance(node, yaml.ScalarNode) else (
            [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else list(node.value)
        )
        if children_done:
            sizes[id(node)] = 1 + sum(sizes.get(id(c), 0) for c in children)
            if sizes[id(node)] > limit:
                raise YamlSyntaxError("YAML aliases expand too far (refusing a possible alias bomb)", node.start_mark.line + 1)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)


def load_yaml(text: str, max_aliases: int = MAX_ALIASES, max_nodes: int = MAX_EXPANDED_NODES) -> Any:
    """Parse one YAML document safely; raise :class:`YamlSyntaxError` with a line."""
    loader = _Loader(text, max_aliases)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "*" in text:
            _expanded_size(node, max_nodes)
            return loader.construct_document(node)
        try:
            return _construct_plain(loader, node)
        except Exception:  # an unusual document: the general constructor builds it, or names its problem
            return loader.construct_document(node)
    except YamlSyntaxError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlSyntaxError(f"YAML syntax error: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"YAML error: {exc}", None) from None
    except RecursionError:
        raise YamlSyntaxError("YAML nested too deeply", None) from None
    finally:
        loader.dispose()


def line_of(data: Any, loc: Iterable[Any]) -> int | None:
    """The line of the deepest element of ``data`` that ``loc`` reaches."""
    line = getattr(data, "line", None) or None
    node = data
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        elif isinstance(node, (LineDict, LineList)):
            continue  # a union member name or similar: not a place in the data
        else:
            break
    return line
