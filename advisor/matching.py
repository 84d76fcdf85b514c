"""Listening: free-text statements -> symptom evidence, explainably.

Each statement is split into clauses; words are stemmed and synonyms of the
knowledge base's lexicon are folded onto one head word. Per symptom, three
signals are scored:

* cue hits: a cue (a short phrase of the knowledge base) fires when all its
  stems occur close together in the clause, in any order; fired cues add the
  inverse document frequency (IDF) of their stems, so rare words count more;
* alias coverage: the share of an alias's IDF mass that the clause contains,
  for paraphrases of whole complaints;
* vocabulary overlap: the IDF mass of the clause's words that occur anywhere
  in the symptom's phrasings, for narratives that use its words loosely.

Unknown words within a small edit distance of the vocabulary are corrected
with rapidfuzz first, so typos still match. A clause in which the speaker says
the topic is fine ("budget is honestly not our problem") turns its matches into
evidence of absence, as does "not" right before a cue.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

from .knowledge.base import KnowledgeBase
from .text import Clause, Lexicon, clauses, content_stems

NEGATION_STEMS = frozenset({"not", "never", "no", "nobodi", "none", "noth", "without", "neither", "nor"})
TYPO_CUTOFF = 88.0


@dataclass(frozen=True)
class MatchParams:
    """The calibration of the matcher (set on the knowledge tests, not per case)."""

    cue_scale: float = 7.0
    """IDF mass of fired cues at which the cue signal reaches 1 - 1/e."""
    alias_floor: float = 0.35
    """Alias coverage below this counts for nothing."""
    alias_min_stems: int = 2
    overlap_scale: float = 14.0
    """IDF mass of shared vocabulary at which the overlap signal reaches 1 - 1/e."""
    overlap_weight: float = 0.5
    threshold: float = 0.45
    """Below this score a match is too weak to be evidence."""


DEFAULT_PARAMS = MatchParams()


@dataclass(frozen=True, slots=True)
class _Cue:
    text: str
    stems: tuple[str, ...]
    stem_set: frozenset[str]
    negative: bool
    """The cue itself carries a negation ("nobody checked"), so 'not' before it is not a denial."""


@dataclass(frozen=True, slots=True)
class ClauseMatch:
    """One symptom read in one clause."""

    symptom: str
    score: float
    present: bool
    clause: str
    matched: tuple[str, ...]
    """The cue phrases or alias that matched, for the explanation."""


class SymptomMatcher:
    """Matches clauses against the symptoms of one knowledge base."""

    def __init__(self, kb: KnowledgeBase, params: MatchParams = DEFAULT_PARAMS):
        self.kb = kb
        self.params = params
        self.lexicon = Lexicon(kb.lexicon)
        self.symptom_ids = list(kb.symptoms)
        documents: list[set[str]] = []
        self._cues: list[list[_Cue]] = []
        self._aliases: list[list[tuple[str, frozenset[str]]]] = []
        for s in kb.symptoms.values():
            cues: dict[frozenset[str], _Cue] = {}
            for text in (s.name, *s.cues):
                stems = self.stems(text)
                if stems and frozenset(stems) not in cues:
                    cues[frozenset(stems)] = _Cue(text, stems, frozenset(stems), bool(NEGATION_STEMS & set(stems)))
            aliases = [(a, frozenset(self.stems(a))) for a in s.aliases]
            self._cues.append(list(cues.values()))
            self._aliases.append([a for a in aliases if a[1]])
            documents.append({t for c in cues.values() for t in c.stems} | {t for _, st in aliases for t in st})
        n = len(documents)
        df: dict[str, int] = defaultdict(int)
        for doc in documents:
            for t in doc:
                df[t] += 1
        self.idf = {t: math.log((n + 1) / (count + 0.5)) for t, count in df.items()}
        self._documents = [frozenset(d) for d in documents]
        self._doc_index: dict[str, list[int]] = defaultdict(list)
        for i, doc in enumerate(documents):
            for t in doc:
                self._doc_index[t].append(i)
        self._cue_index: dict[str, list[tuple[int, _Cue]]] = defaultdict(list)
        for i, cues in enumerate(self._cues):
            for cue in cues:
                rarest = max(cue.stems, key=lambda t: (self.idf[t], t))
                self._cue_index[rarest].append((i, cue))
        self._alias_index: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self._alias_mass: list[list[float]] = []
        for i, aliases in enumerate(self._aliases):
            self._alias_mass.append([sum(self.idf[t] for t in st) for _, st in aliases])
            for j, (_, st) in enumerate(aliases):
                for t in st:
                    self._alias_index[t].append((i, j))
        self._vocabulary = sorted(set(self.idf) | set(self.lexicon.single))
        self._typos: dict[str, str | None] = {}

    def stems(self, text: str) -> tuple[str, ...]:
        """Content stems of knowledge text, synonyms folded."""
        return self.lexicon.apply(content_stems(text))

    @cached_property
    def _long_vocabulary(self) -> list[str]:
        return [t for t in self._vocabulary if len(t) >= 4]

    def _correct(self, stem: str) -> str:
        """The vocabulary stem a misspelt stem most likely means (or itself)."""
        if stem in self.idf or stem in self.lexicon.single or len(stem) < 5 or stem == "num":
            return stem
        if stem not in self._typos:
            found = process.extractOne(stem, self._long_vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
            self._typos[stem] = found[0] if found else None
        return self._typos[stem] or stem

    def match_clause(self, clause: Clause) -> list[ClauseMatch]:
        """Every symptom this clause shows (or denies) with a score above the threshold."""
        p = self.params
        stems = list(self.lexicon.apply([self._correct(t) for t in clause.stems]))
        present = set(stems)
        positions: dict[str, list[int]] = defaultdict(list)
        for pos, t in enumerate(stems):
            positions[t].append(pos)
        fired: dict[int, list[tuple[_Cue, bool]]] = defaultdict(list)
        for t in present:
            for i, cue in self._cue_index.get(t, ()):
                if cue.stem_set <= present:
                    start = _window_start(cue.stems, positions)
                    if start is not None:
                        negated = not cue.negative and start > 0 and stems[start - 1] in ("not", "never")
                        fired[i].append((cue, negated))
        overlap: dict[tuple[int, int], tuple[float, int]] = {}
        shared: dict[int, float] = defaultdict(float)
        for t in present:
            weight = self.idf.get(t)
            if weight is None:
                continue
            for key in self._alias_index.get(t, ()):
                mass, count = overlap.get(key, (0.0, 0))
                overlap[key] = (mass + weight, count + 1)
            for i in self._doc_index.get(t, ()):
                shared[i] += weight
        best_alias: dict[int, tuple[float, int]] = {}
        for (i, j), (mass, count) in overlap.items():
            if count < p.alias_min_stems:
                continue
            coverage = mass / self._alias_mass[i][j]
            if coverage > best_alias.get(i, (0.0, -1))[0]:
                best_alias[i] = (coverage, j)
        results = []
        for i in set(fired) | {i for i, (c, _) in best_alias.items() if c > p.alias_floor}:
            cues = fired.get(i, [])
            stems_hit = {t for cue, _ in cues for t in cue.stems}
            cue_part = 1.0 - math.exp(-sum(self.idf[t] for t in stems_hit) / p.cue_scale)
            coverage, j = best_alias.get(i, (0.0, -1))
            alias_part = max(0.0, (coverage - p.alias_floor) / (1.0 - p.alias_floor))
            overlap_part = p.overlap_weight * (1.0 - math.exp(-shared.get(i, 0.0) / p.overlap_scale))
            score = 1.0 - (1.0 - cue_part) * (1.0 - alias_part) * (1.0 - overlap_part)
            if score < p.threshold or (not cues and alias_part <= 0):
                continue
            negated = bool(cues) and all(neg for _, neg in cues)
            matched = tuple(sorted({cue.text for cue, _ in cues}))
            if alias_part > 0 and j >= 0:
                matched += (f'"{self._aliases[i][j][0]}"',)
            results.append(
                ClauseMatch(self.symptom_ids[i], round(score, 4), not (clause.denied or negated), clause.text, matched)
            )
        results.sort(key=lambda m: (-m.score, m.symptom))
        return results

    def match_statement(self, statement: str) -> list[ClauseMatch]:
        """Matches of every clause of a statement, strongest first per symptom."""
        best: dict[str, ClauseMatch] = {}
        for clause in clauses(statement):
            for m in self.match_clause(clause):
                kept = best.get(m.symptom)
                if kept is None or (m.present, m.score) > (kept.present, kept.score):
                    best[m.symptom] = m
        return sorted(best.values(), key=lambda m: (-m.score, m.symptom))


def _window_start(cue: tuple[str, ...], positions: dict[str, list[int]]) -> int | None:
    """The first position of the cue in the clause if its stems sit close together, else None."""
    if len(cue) == 1:
        return positions[cue[0]][0]
    span = len(cue) + 2
    for anchor in positions[cue[0]]:
        nearest = [min(positions[t], key=lambda p: abs(p - anchor)) for t in cue[1:]]
        lo, hi = min(anchor, *nearest), max(anchor, *nearest)
        if hi - lo <= span:
            return lo
    return None
