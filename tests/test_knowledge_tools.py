"""`pmo-advisor kb stats / show / export`, the graph, and the shipped knowledge's breadth."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
import yaml

from support import ROOT

REFERENCE = yaml.safe_load((ROOT / "tests" / "data" / "pmo-reference.yaml").read_text(encoding="utf-8"))
"""A copy of the shared reference vocabulary: the ids the knowledge base must use."""


def test_stats_json_shows_the_breadth(cli):
    result = cli("kb", "stats", "--format", "json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    nodes = stats["nodes"]
    assert nodes["symptom"] >= 120 and nodes["cause"] >= 33 and nodes["service"] >= 26
    assert nodes["measure"] >= 60 and nodes["outcome"] == 30 and nodes["stage"] == 10
    assert nodes["rule"] >= 25
    gaps = stats["coverage_gaps"]
    for gap in ("causes_without_symptoms", "causes_without_services", "symptoms_without_questions",
                "services_without_measures"):
        assert gaps[gap] == [], gap


def test_stats_text(cli):
    result = cli("kb", "stats")
    assert result.returncode == 0
    assert "coverage gaps" in result.stdout and "symptom" in result.stdout


def test_show_by_id_and_by_phrase(cli):
    by_id = cli("kb", "show", "resource_contention")
    assert by_id.returncode == 0
    assert by_id.stdout.startswith("resource_contention  [cause]")
    assert "treated_by" in by_id.stdout and "-> treated_by" in by_id.stdout
    phrase = cli("kb", "show", "people", "overloaded", "burnt", "out")
    assert phrase.returncode == 0 and "[symptom]" in phrase.stdout.splitlines()[0]
    missing = cli("kb", "show", "zzqqxx")
    assert missing.returncode == 1 and "nothing" in missing.stderr


@pytest.mark.parametrize("fmt", ["json", "mermaid", "dot", "graphml"])
def test_exports_parse_back(cli, kb, fmt, tmp_path):
    result = cli("kb", "export", "--format", fmt)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    n_nodes = kb.graph.number_of_nodes()
    if fmt == "json":
        graph = nx.node_link_graph(json.loads(text), edges="links")
        assert graph.number_of_nodes() == n_nodes
        assert graph.number_of_edges() == kb.graph.number_of_edges()
        some = next(iter(kb.symptoms.values()))
        assert graph.nodes[some.id]["aliases"] == list(some.aliases)
    elif fmt == "graphml":
        graph = nx.parse_graphml(text)
        assert graph.number_of_nodes() == n_nodes
        ET.fromstring(text.encode())
    elif fmt == "mermaid":
        lines = text.splitlines()
        assert lines[0] == "flowchart LR"
        assert sum("-->" in line for line in lines) == kb.graph.number_of_edges()
    else:
        assert text.startswith("digraph knowledge {") and text.rstrip().endswith("}")
        assert text.count(" -> ") == kb.graph.number_of_edges()
    out = tmp_path / f"kb.{fmt}"
    assert cli("kb", "export", "--format", fmt, "--output", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8") == text


def test_graph_nodes_have_kinds_and_edges_have_relations_and_weights(kb):
    graph = kb.graph
    assert isinstance(graph, nx.MultiDiGraph)
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert {"symptom", "cause", "service", "measure", "outcome", "stage"} <= kinds
    relations = set()
    for _, _, d in graph.edges(data=True):
        assert 0.0 <= d["weight"] <= 1.0
        relations.add(d["relation"])
    assert {"indicates", "contributes_to", "treated_by", "requires", "delivers", "evidenced_by", "moves"} <= relations
    services = graph.subgraph([n for n, d in graph.nodes(data=True) if d["kind"] == "service"])
    requires = nx.DiGraph([(u, v) for u, v, d in services.edges(data=True) if d["relation"] == "requires"])
    assert nx.is_directed_acyclic_graph(requires)


def test_knowledge_uses_every_reference_id(kb):
    assert set(REFERENCE["services"]) <= set(kb.services)
    assert set(REFERENCE["outcomes"]) <= set(kb.outcomes)
    assert set(REFERENCE["root_causes"]) <= set(kb.causes)
    assert set(REFERENCE["flywheel"]) <= set(kb.stages)
    assert set(REFERENCE["service_approaches"]) <= set(kb.approaches)
    assert set(REFERENCE["pmo_health_states"]) <= set(kb.health_states)
    assert set(REFERENCE["customer_groups"]) <= set(kb.groups)
    for service_id, ref in REFERENCE["services"].items():
        assert list(kb.services[service_id].levels) == ref["levels"]
        assert kb.services[service_id].category == ref["category"]
    for outcome_id, ref in REFERENCE["outcomes"].items():
        delivering = {s.id for s in kb.services.values() if outcome_id in s.delivers}
        assert delivering == set(ref["services"]), outcome_id


def test_shipped_knowledge_quality_bar(kb):
    for s in kb.symptoms.values():
        assert len(s.aliases) >= 4, s.id
        assert s.question.strip().endswith("?"), s.id
        assert s.groups, s.id
    for c in kb.causes.values():
        indicating = [s for s in kb.symptoms.values() if c.id in s.indicates]
        assert len(indicating) >= 3, c.id
        assert c.treated_by and c.confirm_by, c.id
    for s in kb.services.values():
        assert len(s.measures) >= 2, s.id
        assert len(s.levels) == 5 and s.deliverables, s.id
    assert len(kb.measures) >= 60
    for m in kb.measures.values():
        assert m.formula and m.data_source and m.cadence and m.layer
    assert len(kb.rules) >= 25
    assert kb.version and kb.version != "unversioned"
