"""The knowledge as a networkx ``MultiDiGraph``: nodes carry ``kind``, edges ``relation`` and ``weight``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    from .base import KnowledgeBase

RELATIONS = {
    "indicates": "symptom -> cause: sensitivity P(symptom | cause)",
    "contributes_to": "cause -> cause: a root cause behind a proximate one",
    "treated_by": "cause -> service: effectiveness",
    "undermines": "cause -> outcome: the outcome the cause stands in the way of",
    "requires": "service -> service: prerequisite",
    "delivers": "service -> outcome",
    "evidenced_by": "service -> measure",
    "moves": "symptom -> measure: the KPI that shows the pain going away",
    "signals": "symptom -> health_state: a sign of the PMO's own health",
    "precedes": "stage -> stage: the next flywheel step",
}


def _attributes(node: Any) -> dict[str, Any]:
    data = node.model_dump(mode="json", by_alias=True)
    for key in ("indicates", "contributes_to", "treated_by", "undermines", "requires", "delivers", "measures", "moves", "health"):
        data.pop(key, None)  # these become edges
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in data.items() if k != "id"}


def build_graph(kb: "KnowledgeBase") -> nx.MultiDiGraph:
    """One node per knowledge node; one edge per link, with ``relation``, ``weight`` and ``rationale``."""
    graph = nx.MultiDiGraph(knowledge_version=kb.version)
    for kind, nodes in kb.nodes_by_kind.items():
        for node_id, node in nodes.items():
            graph.add_node(node_id, kind=kind, **_attributes(node))

    def edge(src: str, dst: str, relation: str, weight: float, rationale: str) -> None:
        graph.add_edge(src, dst, key=relation, relation=relation, weight=float(weight), rationale=rationale)

    for s in kb.symptoms.values():
        for cause, sensitivity in s.indicates.items():
            edge(s.id, cause, "indicates", sensitivity, f"P({s.name} | cause) = {sensitivity}")
        for measure in s.moves:
            edge(s.id, measure, "moves", 1.0, f"{kb.name(measure)} shows '{s.name}' going away")
        for state in s.health:
            edge(s.id, state, "signals", 1.0, f"'{s.name}' is a sign of a PMO in {state}")
    for c in kb.causes.values():
        for other, strength in c.contributes_to.items():
            edge(c.id, other, "contributes_to", strength, f"{c.name} leads to {kb.name(other)}")
        for service, effectiveness in c.treated_by.items():
            edge(c.id, service, "treated_by", effectiveness, f"{kb.name(service)} treats {c.name}")
        for outcome in c.undermines:
            edge(c.id, outcome, "undermines", 1.0, f"{c.name} stands in the way of {kb.name(outcome)}")
    for s in kb.services.values():
        for other in s.requires:
            edge(s.id, other, "requires", 1.0, f"{s.name} needs {kb.name(other)} first")
        for outcome in s.delivers:
            edge(s.id, outcome, "delivers", 1.0, f"{s.name} delivers {kb.name(outcome)} (PMO Practice Guide)")
        for measure in s.measures:
            edge(s.id, measure, "evidenced_by", 1.0, f"{kb.name(measure)} evidences {s.name}")
    stages = sorted(kb.stages.values(), key=lambda st: st.order)
    for a, b in zip(stages, stages[1:] + stages[:1]):
        edge(a.id, b.id, "precedes", 1.0, "the flywheel turns")
    return graph
