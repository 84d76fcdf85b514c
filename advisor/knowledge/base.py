"""The validated, layered knowledge base: typed nodes by kind, rules, and the graph."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from pydantic import BaseModel

from .schema import Cause, Group, HealthState, Measure, Outcome, Rule, Service, Stage, Symptom, WorkedCase

if TYPE_CHECKING:
    import networkx as nx


_DERIVED = frozenset({"graph", "horizons", "service_order", "treatments", "_names", "_derived"})
"""Caches derived from the knowledge on use: not pickled (see :mod:`advisor.cache`)."""
T = TypeVar("T")


class KnowledgeBase:
    """Everything the advisor knows. Read-only once built by the loader."""

    def __init__(
        self,
        version: str,
        folders: tuple[str, ...],
        nodes: dict[str, dict[str, BaseModel]],
        rules: tuple[Rule, ...],
        locations: dict[str, tuple[str, int | None]],
        lexicon: tuple[tuple[str, ...], ...] = (),
        phrasings: dict[str, tuple[str, ...]] | None = None,
        stories: dict[str, tuple[str, ...]] | None = None,
        healthy: dict[str, tuple[str, ...]] | None = None,
        worked_cases: tuple[WorkedCase, ...] = (),
    ):
        self.version = version
        self.folders = folders
        self.nodes_by_kind = nodes
        self.rules = rules
        self.locations = locations
        self.lexicon = lexicon
        """Synonym groups; each entry is read as its group's first entry."""
        self.phrasings = phrasings or {}
        """Symptom id -> extra phrasings (from `phrasings:` sections)."""
        self.stories = stories or {}
        """Symptom id -> stakeholder stories (from `stories:` sections; read for the cause themes only)."""
        self.healthy = healthy or {}
        """Symptom id -> phrases of its healthy opposite (from `healthy:` sections; heard, they deny it)."""
        self.worked_cases = worked_cases
        """Diagnosed cases (from `worked_cases:` sections; read for the cause themes only)."""
        self.symptoms: dict[str, Symptom] = nodes["symptom"]  # type: ignore[assignment]
        self.causes: dict[str, Cause] = nodes["cause"]  # type: ignore[assignment]
        self.services: dict[str, Service] = nodes["service"]  # type: ignore[assignment]
        self.measures: dict[str, Measure] = nodes["measure"]  # type: ignore[assignment]
        self.outcomes: dict[str, Outcome] = nodes["outcome"]  # type: ignore[assignment]
        self.stages: dict[str, Stage] = nodes["stage"]  # type: ignore[assignment]
        self.health_states: dict[str, HealthState] = nodes["health_state"]  # type: ignore[assignment]
        self.groups: dict[str, Group] = nodes["group"]  # type: ignore[assignment]
        self.approaches = nodes["approach"]

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the data only; derived caches (compiled rules, the graph) are rebuilt on use."""
        return {k: v for k, v in self.__dict__.items() if k not in _DERIVED}

    def node(self, node_id: str) -> BaseModel | None:
        """The node with this id, of any kind."""
        for nodes in self.nodes_by_kind.values():
            if node_id in nodes:
                return nodes[node_id]
        return None

    def kind_of(self, node_id: str) -> str | None:
        for kind, nodes in self.nodes_by_kind.items():
            if node_id in nodes:
                return kind
        return None

    @cached_property
    def _names(self) -> dict[str, str]:
        return {i: getattr(n, "name", i) for nodes in self.nodes_by_kind.values() for i, n in nodes.items()}

    def name(self, node_id: str) -> str:
        """The display name of any node (its id when unknown)."""
        return self._names.get(node_id, node_id)

    def derived(self, name: str, build: Callable[[], T]) -> T:
        """A table the engine derives from this knowledge: ``build()`` on first use, kept after
        (for the life of the process: it is not pickled)."""
        tables: dict[str, Any] = self.__dict__.setdefault("_derived", {})
        if name not in tables:
            tables[name] = build()
        return tables[name]

    def counts(self) -> dict[str, int]:
        """Number of nodes per kind, plus rules."""
        counts = {kind: len(nodes) for kind, nodes in self.nodes_by_kind.items()}
        counts["rule"] = len(self.rules)
        return counts

    @cached_property
    def horizons(self) -> dict[tuple[str, str | None], str]:
        """(service, cause) -> the earliest horizon of the outcomes the service delivers against the
        cause; (service, None) -> the earliest horizon of everything it delivers."""
        order = {"short": 0, "medium": 1, "long": 2}
        table: dict[tuple[str, str | None], str] = {}
        for service in self.services.values():
            delivered = [self.outcomes[o].horizon[0] for o in service.delivers if o in self.outcomes]
            if delivered:
                table[(service.id, None)] = min(delivered, key=order.__getitem__)
            for cause in self.causes.values():
                relevant = [self.outcomes[o].horizon[0] for o in service.delivers if o in cause.undermines and o in self.outcomes]
                if relevant:
                    table[(service.id, cause.id)] = min(relevant, key=order.__getitem__)
        return table

    @cached_property
    def service_order(self) -> dict[str, int]:
        """Service id -> its place in the knowledge (ties between services go to the earlier one)."""
        return {service_id: i for i, service_id in enumerate(self.services)}

    @cached_property
    def treatments(self) -> dict[str, tuple[tuple[str, float], ...]]:
        """Service id -> ((cause id, effectiveness), ...): the treated_by links read from the service side."""
        by_service: dict[str, list[tuple[str, float]]] = {s: [] for s in self.services}
        for cause in self.causes.values():
            for service, effectiveness in cause.treated_by.items():
                by_service.setdefault(service, []).append((cause.id, effectiveness))
        return {s: tuple(sorted(links)) for s, links in by_service.items()}

    @cached_property
    def graph(self) -> "nx.MultiDiGraph":
        """The knowledge as a networkx ``MultiDiGraph`` (built on first use)."""
        from .graph import build_graph

        return build_graph(self)

    def coverage_gaps(self) -> dict[str, list[str]]:
        """Weak spots an author should look at (empty lists when sound)."""
        indicated = {c for s in self.symptoms.values() for c in s.indicates}
        return {
            "causes_without_symptoms": sorted(set(self.causes) - indicated),
            "causes_without_services": sorted(c.id for c in self.causes.values() if not c.treated_by),
            "causes_with_fewer_than_3_symptoms": sorted(
                c for c in self.causes if sum(c in s.indicates for s in self.symptoms.values()) < 3
            ),
            "symptoms_without_questions": sorted(s.id for s in self.symptoms.values() if not s.question.strip()),
            "symptoms_with_fewer_than_4_aliases": sorted(s.id for s in self.symptoms.values() if len(s.aliases) < 4),
            "services_without_measures": sorted(s.id for s in self.services.values() if not s.measures),
            "services_without_causes": sorted(
                set(self.services) - {s for c in self.causes.values() for s in c.treated_by}
            ),
            "measures_unused": sorted(
                set(self.measures)
                - {m for s in self.services.values() for m in s.measures}
                - {m for s in self.symptoms.values() for m in s.moves}
            ),
            "outcomes_without_services": sorted(
                set(self.outcomes) - {o for s in self.services.values() for o in s.delivers}
            ),
        }

    def describe(self, node_id: str) -> dict[str, Any]:
        """The node's attributes as plain data, with its kind and location."""
        node = self.node(node_id)
        if node is None:
            raise KeyError(node_id)
        data = node.model_dump(mode="json", by_alias=True)
        file, line = self.locations.get(node_id, ("", None))
        return {"kind": self.kind_of(node_id), **data, "defined_at": f"{file}:{line}"}
