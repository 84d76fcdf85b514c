"""Exports of the knowledge graph (json node-link, mermaid, dot, graphml) and node lookup."""

from __future__ import annotations

import json
from typing import Any, Callable

from rapidfuzz import fuzz, process

from .base import KnowledgeBase

KIND_SHAPES = {
    "symptom": ("([", "])"),
    "cause": ("{{", "}}"),
    "service": ("[", "]"),
    "measure": ("[/", "/]"),
    "outcome": ("((", "))"),
    "stage": (">", "]"),
    "health_state": ("[(", ")]"),
    "group": ("[[", "]]"),
    "approach": ("[\\", "\\]"),
}
DOT_SHAPES = {"symptom": "ellipse", "cause": "diamond", "service": "box", "measure": "parallelogram",
              "outcome": "doublecircle", "stage": "cds", "health_state": "cylinder", "group": "tab",
              "approach": "note"}


def to_json(kb: KnowledgeBase) -> str:
    """networkx node-link data with every node and edge attribute."""
    from networkx.readwrite import json_graph

    data = json_graph.node_link_data(kb.graph, edges="links")
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _label(text: str) -> str:
    return text.replace('"', "'")


def to_mermaid(kb: KnowledgeBase) -> str:
    """A Mermaid flowchart of symptoms, causes, services, measures and outcomes."""
    lines = ["flowchart LR"]
    graph = kb.graph
    for node_id, data in sorted(graph.nodes(data=True)):
        left, right = KIND_SHAPES.get(data["kind"], ("[", "]"))
        lines.append(f'  {node_id}{left}"{_label(data.get("name", node_id))}"{right}')
    for src, dst, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
        lines.append(f"  {src} -->|{data['relation']} {data['weight']:g}| {dst}")
    for kind in sorted(KIND_SHAPES):
        members = sorted(n for n, d in graph.nodes(data=True) if d["kind"] == kind)
        if members:
            lines.append(f"  class {','.join(members)} {kind}")
    return "\n".join(lines) + "\n"


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(kb: KnowledgeBase) -> str:
    """A Graphviz digraph; one node per knowledge node, one edge per link."""
    graph = kb.graph
    lines = [f"digraph knowledge {{", "  rankdir=LR;", f"  label={_dot_quote('pmo-advisor knowledge ' + kb.version)};"]
    for node_id, data in sorted(graph.nodes(data=True)):
        shape = DOT_SHAPES.get(data["kind"], "box")
        lines.append(f"  {node_id} [label={_dot_quote(data.get('name', node_id))}, shape={shape}, kind={data['kind']}];")
    for src, dst, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
        lines.append(f"  {src} -> {dst} [relation={data['relation']}, weight={data['weight']:g}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_graphml(kb: KnowledgeBase) -> str:
    """GraphML; list attributes are joined with ' | ' (GraphML holds scalars only)."""
    import networkx as nx

    flat = nx.MultiDiGraph(knowledge_version=kb.version)
    for node_id, data in kb.graph.nodes(data=True):
        flat.add_node(node_id, **{k: _scalar(v) for k, v in data.items()})
    for src, dst, key, data in kb.graph.edges(keys=True, data=True):
        flat.add_edge(src, dst, key=key, **{k: _scalar(v) for k, v in data.items()})
    return "\n".join(nx.generate_graphml(flat)) + "\n"


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return " | ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    if value is None:
        return ""
    return value


EXPORTERS: dict[str, Callable[[KnowledgeBase], str]] = {
    "json": to_json,
    "mermaid": to_mermaid,
    "dot": to_dot,
    "graphml": to_graphml,
}


def find_nodes(kb: KnowledgeBase, query: str, limit: int = 5) -> list[str]:
    """Ids best matching an id, a name or a phrase (exact id first)."""
    if kb.node(query) is not None:
        return [query]
    choices: dict[str, str] = {}
    for nodes in kb.nodes_by_kind.values():
        for node_id, node in nodes.items():
            texts = [node_id.replace("_", " "), getattr(node, "name", "")]
            texts += list(getattr(node, "aliases", ()))
            for i, text in enumerate(texts):
                choices[f"{node_id}\x00{i}"] = text.lower()
    found = process.extract(query.lower(), choices, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=60)
    ordered: list[str] = []
    for _, _, key in sorted(found, key=lambda f: (-f[1], f[2])):
        node_id = key.split("\x00")[0]
        if node_id not in ordered:
            ordered.append(node_id)
    return ordered[:limit]


def neighbours(kb: KnowledgeBase, node_id: str) -> list[dict[str, Any]]:
    """Edges into and out of a node, as plain data."""
    graph = kb.graph
    result = []
    for _, dst, data in graph.out_edges(node_id, data=True):
        result.append({"direction": "out", "relation": data["relation"], "id": dst,
                       "kind": graph.nodes[dst]["kind"], "weight": data["weight"]})
    for src, _, data in graph.in_edges(node_id, data=True):
        result.append({"direction": "in", "relation": data["relation"], "id": src,
                       "kind": graph.nodes[src]["kind"], "weight": data["weight"]})
    return sorted(result, key=lambda r: (r["direction"] != "out", r["relation"], -r["weight"], r["id"]))
