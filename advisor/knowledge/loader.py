"""Find, read, layer and validate knowledge folders into a :class:`KnowledgeBase`.

Validation never stops at the first problem: every file is read, every node
validated on its own, every reference checked, and all problems are reported
together as ``file:line: message``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from pydantic import BaseModel, ValidationError

from ..errors import KnowledgeError, LocatedError
from ..text import content_stems
from ..yamlio import LineDict, YamlSyntaxError, line_of, load_yaml
from .base import KnowledgeBase
from .location import default_knowledge_dir
from .schema import (
    SECTIONS,
    AddService,
    AllCondition,
    AnyCondition,
    AskFirst,
    Condition,
    FindingCondition,
    KnowledgeFile,
    NotCondition,
    Phrasing,
    Rule,
    ScaleCause,
    SuppressService,
    WorkedCase,
)

MAX_KNOWLEDGE_FILE_BYTES = 5_000_000


def suggest(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean X?)' hint for a misspelt id or key, or ''."""
    from rapidfuzz import process

    found = process.extractOne(word, list(choices), score_cutoff=70)
    return f" (did you mean '{found[0]}'?)" if found else ""


@dataclass
class _Entry:
    """A validated node and where it was written."""

    kind: str
    model: BaseModel
    raw: Any
    file: str
    line: int | None


@dataclass
class _Collector:
    problems: list[LocatedError] = field(default_factory=list)
    warnings: list[LocatedError] = field(default_factory=list)

    def add(self, message: str, file: str | None, line: int | None) -> None:
        self.problems.append(LocatedError(message, file, line))

    def warn(self, message: str, file: str | None, line: int | None) -> None:
        self.warnings.append(LocatedError(message, file, line))


def _knowledge_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def _read_file(path: Path, out: _Collector) -> LineDict | None:
    shown = str(path)
    try:
        if path.stat().st_size > MAX_KNOWLEDGE_FILE_BYTES:
            out.add(f"file larger than {MAX_KNOWLEDGE_FILE_BYTES // 1_000_000} MB", shown, None)
            return None
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        out.add(f"not UTF-8 text (byte {exc.start})", shown, None)
        return None
    except OSError as exc:
        out.add(f"cannot read: {exc.strerror}", shown, None)
        return None
    try:
        data = load_yaml(text)
    except YamlSyntaxError as exc:
        out.add(exc.message, shown, exc.line)
        return None
    if data is None:
        return None
    if not isinstance(data, LineDict):
        out.add("a knowledge file must be a mapping of sections (symptoms:, causes:, ...)", shown, 1)
        return None
    _report_duplicate_keys(data, shown, out)
    return data


def _report_duplicate_keys(data: Any, file: str, out: _Collector) -> None:
    if isinstance(data, LineDict):
        for key, line in data.duplicate_keys:
            out.add(f"duplicate key '{key}'", file, line)
        for value in data.values():
            _report_duplicate_keys(value, file, out)
    elif isinstance(data, list):
        for value in data:
            _report_duplicate_keys(value, file, out)


def _describe(error: dict[str, Any], model: type[BaseModel]) -> str:
    where = ".".join(str(p) for p in error["loc"] if not (isinstance(p, str) and p[:1].isupper()))
    if error["type"] == "extra_forbidden":
        key = str(error["loc"][-1])
        allowed = [f.alias or name for name, f in model.model_fields.items()]
        return f"unknown key '{where}'{suggest(key, allowed)}"
    if error["type"] == "missing":
        return f"missing required key '{where}'"
    return f"{where}: {error['msg']}" if where else error["msg"]


def _validate_node(model: type[BaseModel], raw: Any, file: str, out: _Collector) -> BaseModel | None:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        seen: set[str] = set()
        for error in exc.errors():
            message = _describe(error, model)
            if message in seen:
                continue  # a union reports the same problem once per member
            seen.add(message)
            out.add(message, file, line_of(raw, error["loc"]))
        return None


def _read_lexicon(value: Any, file: str, out: _Collector, lexicon: list[tuple[str, ...]]) -> None:
    for index, group in enumerate(value):
        line = value.item_lines[index]
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(w, str) and w.strip() for w in group):
            out.add("a lexicon group is a list of at least two words or phrases", file, line)
            continue
        lexicon.append(tuple(w.strip().lower() for w in group))


def _read_folder(folder: Path, out: _Collector) -> tuple[list[_Entry], list[tuple[Rule, Any, str]], dict[str, Any]]:
    entries: list[_Entry] = []
    rules: list[tuple[Rule, Any, str]] = []
    meta: dict[str, Any] = {"lexicon": [], "phrasings": [], "stories": [], "healthy": [], "worked_cases": []}
    lexicon: list[tuple[str, ...]] = meta["lexicon"]
    if not folder.is_dir():
        out.add("knowledge folder not found", str(folder), None)
        return entries, rules, meta
    sections = KnowledgeFile.model_fields
    for path in _knowledge_files(folder):
        data = _read_file(path, out)
        if data is None:
            continue
        shown = str(path)
        for key, value in data.items():
            line = data.key_lines.get(key)
            if key not in sections:
                out.add(f"unknown section '{key}'{suggest(str(key), sections)}", shown, line)
            elif key in ("version", "extends", "title"):
                if value is not None and not isinstance(value, (str, int, float)):
                    out.add(f"'{key}' must be a plain value", shown, line)
                elif key == "extends" and value not in ("default", "none"):
                    out.add("'extends' must be 'default' or 'none'", shown, line)
                else:
                    meta[key] = str(value)
            elif not isinstance(value, list):
                out.add(f"section '{key}' must be a list", shown, line)
            elif key == "lexicon":
                _read_lexicon(value, shown, out, lexicon)
            elif key in ("phrasings", "stories", "healthy", "worked_cases"):
                for index, raw in enumerate(value):
                    node = _validate_node(WorkedCase if key == "worked_cases" else Phrasing, raw, shown, out)
                    if node is not None:
                        meta[key].append((node, raw, shown, value.item_lines[index]))
            else:
                model = Rule if key == "rules" else _section_model(key)
                for index, raw in enumerate(value):
                    item_line = value.item_lines[index]
                    node = _validate_node(model, raw, shown, out)
                    if node is None:
                        continue
                    if key == "rules":
                        rules.append((node, raw, shown))  # type: ignore[arg-type]
                    else:
                        entries.append(_Entry(SECTIONS[key], node, raw, shown, item_line))
    return entries, rules, meta


def _section_model(section: str) -> type[BaseModel]:
    annotation = KnowledgeFile.model_fields[section].annotation
    return annotation.__args__[0]  # tuple[Model, ...]


def load_knowledge(extra_dirs: Iterable[str | Path] = (), *, builtin: bool = True) -> KnowledgeBase:
    """Load the built-in knowledge with ``extra_dirs`` layered over it, or raise :class:`KnowledgeError`."""
    kb, out = _build(extra_dirs, builtin)
    if out.problems:
        raise KnowledgeError(sorted(out.problems, key=lambda e: (e.file or "", e.line or 0)))
    assert kb is not None
    return kb


def validate_knowledge(extra_dirs: Iterable[str | Path] = (), *, builtin: bool = True) -> tuple[list[LocatedError], list[LocatedError]]:
    """Every problem and warning of the layered knowledge, in file order."""
    _, out = _build(extra_dirs, builtin)
    order = lambda e: (e.file or "", e.line or 0)  # noqa: E731
    return sorted(out.problems, key=order), sorted(out.warnings, key=order)


def _build(extra_dirs: Iterable[str | Path], builtin: bool) -> tuple[KnowledgeBase | None, _Collector]:
    out = _Collector()
    layers = [Path(d) for d in extra_dirs]
    if builtin and not any(_replaces_builtin(d) for d in layers):
        layers.insert(0, default_knowledge_dir())
    nodes: dict[str, _Entry] = {}
    rules: dict[str, tuple[Rule, Any, str]] = {}
    versions: list[str] = []
    lexicon: list[tuple[str, ...]] = []
    examples: dict[str, list[tuple[Phrasing, Any, str, int]]] = {"phrasings": [], "stories": [], "healthy": []}
    worked: list[tuple[WorkedCase, Any, str, int]] = []
    for folder in layers:
        entries, folder_rules, meta = _read_folder(folder, out)
        lexicon.extend(meta.pop("lexicon"))
        worked.extend(meta.pop("worked_cases"))
        for section, found in examples.items():
            found.extend(meta.pop(section))
        if "version" in meta:
            versions.append(meta["version"])
        layer_ids: dict[str, _Entry] = {}
        for entry in entries:
            node_id = entry.model.id  # type: ignore[attr-defined]
            if node_id in layer_ids:
                first = layer_ids[node_id]
                out.add(f"duplicate id '{node_id}' (also at {first.file}:{first.line})", entry.file, entry.line)
                continue
            layer_ids[node_id] = entry
            previous = nodes.get(node_id)
            if previous is not None and previous.kind != entry.kind:
                out.add(f"id '{node_id}' is a {previous.kind} already; ids are unique across kinds", entry.file, entry.line)
                continue
            nodes[node_id] = entry
        layer_rules: set[str] = set()
        for rule, raw, file in folder_rules:
            if rule.id in layer_rules:
                out.add(f"duplicate rule id '{rule.id}'", file, getattr(raw, "line", None))
                continue
            layer_rules.add(rule.id)
            rules[rule.id] = (rule, raw, file)
    by_kind: dict[str, dict[str, _Entry]] = {kind: {} for kind in SECTIONS.values()}
    for node_id, entry in nodes.items():
        by_kind[entry.kind][node_id] = entry
    _check_references(by_kind, rules, out)
    _check_lexicon(lexicon, out)
    for entry in by_kind["symptom"].values():
        _check_cues(entry, out)
    said: dict[str, dict[str, list[str]]] = {section: {} for section in examples}
    for section, found in examples.items():
        for phrasing, raw, file, line in found:
            if phrasing.symptom not in by_kind["symptom"]:
                hint = suggest(phrasing.symptom, by_kind["symptom"])
                out.add(f"unknown symptom '{phrasing.symptom}' in {section}{hint}", file, line_of(raw, ("symptom",)) or line)
            else:
                said[section].setdefault(phrasing.symptom, []).extend(phrasing.says)
                if section == "healthy":
                    _check_healthy(phrasing, raw, file, out)
    for case, raw, file, line in worked:
        for index, cause_id in enumerate(case.causes):
            where = line_of(raw, ("causes", index)) or line
            if cause_id not in by_kind["cause"]:
                out.add(f"unknown cause '{cause_id}' in worked_cases{suggest(cause_id, by_kind['cause'])}", file, where)
            elif cause_id in case.causes[:index]:
                out.add(f"cause '{cause_id}' named twice in a worked case", file, where)
    if out.problems:
        return None, out
    kb = KnowledgeBase(
        version="+".join(versions) or "unversioned",
        folders=tuple(str(d) for d in layers),
        nodes={kind: {i: e.model for i, e in sorted(entries.items())} for kind, entries in by_kind.items()},
        rules=tuple(r for r, _, _ in rules.values()),
        locations={i: (e.file, e.line) for i, e in nodes.items()},
        lexicon=tuple(lexicon),
        phrasings={k: tuple(v) for k, v in sorted(said["phrasings"].items())},
        stories={k: tuple(v) for k, v in sorted(said["stories"].items())},
        healthy={k: tuple(v) for k, v in sorted(said["healthy"].items())},
        worked_cases=tuple(case for case, _, _, _ in worked),
    )
    return kb, out


def _check_lexicon(lexicon: list[tuple[str, ...]], out: _Collector) -> None:
    """A word may belong to one synonym group only (the last layer's groups win otherwise)."""
    from ..text import content_stems

    seen: dict[tuple[str, ...], str] = {}
    for group in lexicon:
        for word in group:
            stems = content_stems(word)
            if not stems:
                out.warn(f"lexicon entry '{word}' has only stop words and is ignored", None, None)
                continue
            if stems in seen and seen[stems] != group[0]:
                out.warn(f"lexicon entry '{word}' is in the groups of '{seen[stems]}' and '{group[0]}'", None, None)
            seen[stems] = group[0]


def _check_cues(entry: _Entry, out: _Collector) -> None:
    """A cue that says, once stemmed, what an earlier cue of its symptom says adds nothing to the matcher
    and weighs twice in the symptom's share of a cause's theme."""
    from ..text import content_stems

    seen: dict[frozenset[str], str] = {}
    for i, cue in enumerate(entry.model.cues):  # type: ignore[attr-defined]
        stems = frozenset(content_stems(cue))
        if stems in seen:
            out.warn(f"cue '{cue}' of '{entry.model.id}' says what '{seen[stems]}' says once stemmed",  # type: ignore[attr-defined]
                     entry.file, line_of(entry.raw, ("cues", i)) or entry.line)
        else:
            seen[stems] = cue


def _replaces_builtin(folder: Path) -> bool:
    meta = folder / "knowledge.yaml"
    if not meta.is_file():
        return False
    try:
        data = load_yaml(meta.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, YamlSyntaxError):
        return False
    return isinstance(data, dict) and data.get("extends") == "none"


_TURNING_WORDS = frozenset({"not", "no", "never", "nobodi", "none", "noth", "without", "lack", "need", "want", "wish", "should"})
"""Stems that would make a healthy phrase the complaint (or a wish for the healthy state)."""


def _check_healthy(phrasing: Phrasing, raw: Any, file: str, out: _Collector) -> None:
    """A healthy phrase is heard through two content words at least, and says the healthy state plainly."""
    for i, text in enumerate(phrasing.says):
        stems = set(content_stems(text))
        where = line_of(raw, ("says", i))
        if len(stems) < 2:
            out.warn(f"healthy phrase '{text}' of '{phrasing.symptom}' has fewer than two content words: it is never heard", file, where)
        elif stems & _TURNING_WORDS:
            out.warn(f"healthy phrase '{text}' of '{phrasing.symptom}' holds a negation or a wish: say the healthy state plainly", file, where)


def _check_references(by_kind: dict[str, dict[str, _Entry]], rules: dict[str, tuple[Rule, Any, str]], out: _Collector) -> None:
    def ref(entry: _Entry, path: tuple[Any, ...], target: str, kind: str) -> None:
        if target not in by_kind[kind]:
            other = next((k for k, ids in by_kind.items() if target in ids), None)
            hint = f" (it is a {other})" if other else suggest(target, by_kind[kind])
            out.add(f"unknown {kind} '{target}' in {'.'.join(map(str, path[:1]))}{hint}", entry.file, line_of(entry.raw, path))

    symptoms, causes, services = by_kind["symptom"], by_kind["cause"], by_kind["service"]
    for entry in symptoms.values():
        s = entry.model
        for cause in s.indicates:  # type: ignore[attr-defined]
            ref(entry, ("indicates", cause), cause, "cause")
        for i, measure in enumerate(s.moves):  # type: ignore[attr-defined]
            ref(entry, ("moves", i), measure, "measure")
        for i, state in enumerate(s.health):  # type: ignore[attr-defined]
            ref(entry, ("health", i), state, "health_state")
        if not s.question.strip():  # type: ignore[attr-defined]
            out.add(f"symptom '{s.id}' has no question to confirm it", entry.file, entry.line)  # type: ignore[attr-defined]
        for i, cue in enumerate(s.cues):  # type: ignore[attr-defined]
            stems = set(content_stems(cue))
            if len(cue.split()) > 1 and len(stems) == 1:
                out.warn(
                    f"cue '{cue}' of '{s.id}' is the single word '{next(iter(stems))}' once stop words are "  # type: ignore[attr-defined]
                    "dropped; it only counts if that word is rare",
                    entry.file,
                    line_of(entry.raw, ("cues", i)),
                )
        for cause, sensitivity in s.indicates.items():  # type: ignore[attr-defined]
            if sensitivity <= s.base_rate:  # type: ignore[attr-defined]
                out.warn(
                    f"symptom '{s.id}' indicates '{cause}' with sensitivity {sensitivity} not above its base rate "  # type: ignore[attr-defined]
                    f"{s.base_rate}: its presence will count against the cause",  # type: ignore[attr-defined]
                    entry.file,
                    line_of(entry.raw, ("indicates", cause)),
                )
    indicated = {c for e in symptoms.values() for c in e.model.indicates}  # type: ignore[attr-defined]
    for entry in causes.values():
        c = entry.model
        for other in c.contributes_to:  # type: ignore[attr-defined]
            ref(entry, ("contributes_to", other), other, "cause")
        for service in c.treated_by:  # type: ignore[attr-defined]
            ref(entry, ("treated_by", service), service, "service")
        for i, outcome in enumerate(c.undermines):  # type: ignore[attr-defined]
            ref(entry, ("undermines", i), outcome, "outcome")
        if c.id not in indicated:  # type: ignore[attr-defined]
            out.add(f"cause '{c.id}' has no symptom indicating it", entry.file, entry.line)  # type: ignore[attr-defined]
        if not c.treated_by:  # type: ignore[attr-defined]
            out.add(f"cause '{c.id}' has no service treating it", entry.file, entry.line)  # type: ignore[attr-defined]
    for entry in services.values():
        s = entry.model
        for i, other in enumerate(s.requires):  # type: ignore[attr-defined]
            ref(entry, ("requires", i), other, "service")
        for i, outcome in enumerate(s.delivers):  # type: ignore[attr-defined]
            ref(entry, ("delivers", i), outcome, "outcome")
        for i, measure in enumerate(s.measures):  # type: ignore[attr-defined]
            ref(entry, ("measures", i), measure, "measure")
        if not s.measures:  # type: ignore[attr-defined]
            out.add(f"service '{s.id}' has no measure", entry.file, entry.line)  # type: ignore[attr-defined]
    _check_cycles(services, out)
    for rule, raw, file in rules.values():
        shim = _Entry("rule", rule, raw, file, getattr(raw, "line", None))
        for path, target, kind in _rule_references(rule):
            ref(shim, path, target, kind)


def _check_cycles(services: dict[str, _Entry], out: _Collector) -> None:
    """Report each prerequisite cycle once, naming it (a -> b -> a)."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    stack: list[str] = []
    reported: set[frozenset[str]] = set()

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in services[node].model.requires:  # type: ignore[attr-defined]
            if nxt not in services:
                continue
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :] + [nxt]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    entry = services[node]
                    out.add(f"prerequisite cycle: {' -> '.join(cycle)}", entry.file, entry.line)
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in services:
        if node not in state:
            visit(node)


def _rule_references(rule: Rule) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    def conditions(cond: Condition, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str, str]]:
        if isinstance(cond, FindingCondition):
            yield path + ("symptom",), cond.symptom, "symptom"
        elif isinstance(cond, AllCondition):
            for i, c in enumerate(cond.all):
                yield from conditions(c, path + ("all", i))
        elif isinstance(cond, AnyCondition):
            for i, c in enumerate(cond.any):
                yield from conditions(c, path + ("any", i))
        elif isinstance(cond, NotCondition):
            yield from conditions(cond.not_, path + ("not",))

    yield from conditions(rule.when, ("when",))
    for i, action in enumerate(rule.then):
        if isinstance(action, ScaleCause):
            yield ("then", i, "scale_cause"), action.scale_cause, "cause"
        elif isinstance(action, AddService):
            yield ("then", i, "add_service"), action.add_service, "service"
        elif isinstance(action, SuppressService):
            yield ("then", i, "suppress_service"), action.suppress_service, "service"
        elif isinstance(action, AskFirst):
            yield ("then", i, "ask_first"), action.ask_first, "symptom"
