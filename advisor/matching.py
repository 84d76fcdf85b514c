"""Listening: free-text statements -> symptom evidence, explainably.

Each statement is split into sentences; words are stemmed and synonyms of the
knowledge base's lexicon are folded onto one head word. Per symptom, three
signals are scored:

* cue hits: a cue (a short phrase of the knowledge base) fires when all its
  stems occur close together in the sentence, in any order; fired cues add the
  inverse document frequency (IDF) of their stems, so rare words count more;
* alias coverage: the share of an alias's IDF mass that the sentence contains,
  for paraphrases of whole complaints;
* vocabulary overlap: the IDF mass of the sentence's words that occur anywhere
  in the symptom's phrasings, for narratives that use its words loosely.

Unknown words within a small edit distance of the vocabulary are corrected
with rapidfuzz first, so typos still match. A clause in which the speaker says
the topic is fine ("budget is honestly not our problem") turns its matches into
evidence of absence. A plain "not" does not: "we don't have a resource plan" is
the complaint itself, not its denial.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from .knowledge.base import KnowledgeBase
from .text import Lexicon, Sentence, content_stems, sentences

LOCAL_NEGATIONS = frozenset({"not", "never"})
NEGATION_REACH = 1
"""How many words before a cue a negation still governs it."""
TOPIC_SHARE = 0.25
"""A denying clause must name at least this share of a symptom's name to deny it."""
_VERDICTS = frozenset(content_stems(
    "good bad fine great poor well ok okay solid decent excellent strong weak problem issue trouble worry concern"
))
"""Words that judge rather than name a topic: never a symptom's topic."""
SINGLE_CUE_MIN_IDF = 3.0
"""A cue that is one word once stop words are gone must be at least this rare to count."""
TYPO_CUTOFF = 90.0
TYPO_MIN_LENGTH = 6
NEGATIONS = frozenset({"not", "no", "never", "nobodi", "none", "noth", "without", "neither", "nor", "nowher"})
MIN_OVERLAP_IDF = 0.8
"""Words in almost every symptom ("project", "not", "every") carry no signal for the overlap channels."""
RARE_IDF = 2.0
"""An alias is compared with a sentence only if they share a word at least this rare."""


@dataclass(frozen=True)
class MatchParams:
    """The calibration of the matcher (set on the knowledge tests, not per case)."""

    cue_scale: float = 7.0
    """IDF mass of fired cues at which the cue signal reaches 1 - 1/e."""
    alias_floor: float = 0.2
    """Alias coverage below this counts for nothing."""
    alias_min_stems: int = 2
    alias_top: int = 1
    """The alias signal is the mean of a symptom's this-many best alias similarities."""
    overlap_scale: float = 14.0
    """IDF mass of shared vocabulary at which the overlap signal reaches 1 - 1/e."""
    overlap_weight: float = 0.5
    fold_aliases: bool = False
    """Fold synonyms in aliases and phrasings too, not only in cues (measured: whole phrasings match
    better on their own words; folding them blurs rare words across symptoms)."""
    threshold: float = 0.3
    """Below this score a match is too weak to be evidence."""


DEFAULT_PARAMS = MatchParams()


class _Cue(NamedTuple):
    """A cue phrase and its stems (a tuple: thousands of them load from the cache at every start)."""

    text: str
    stems: tuple[str, ...]
    stem_set: frozenset[str]


@dataclass(frozen=True, slots=True)
class ClauseMatch:
    """One symptom read in one sentence."""

    symptom: str
    score: float
    present: bool
    clause: str
    """The sentence it was read in."""
    matched: tuple[str, ...]
    """The cue phrases or alias that matched, for the explanation."""


class SymptomMatcher:
    """Matches sentences against the symptoms of one knowledge base."""

    def __init__(self, kb: KnowledgeBase, params: MatchParams = DEFAULT_PARAMS):
        self.kb = kb
        self.params = params
        self.lexicon = Lexicon(kb.lexicon)
        self.symptom_ids = list(kb.symptoms)
        documents: list[set[str]] = []
        raw_documents: list[set[str]] = []
        cues_of: list[list[_Cue]] = []
        aliases_of: list[list[tuple[str, frozenset[str]]]] = []
        for s in kb.symptoms.values():
            cues: dict[frozenset[str], _Cue] = {}
            for text in (s.name, *s.cues):
                stems = self.stems(text)
                if stems and frozenset(stems) not in cues:
                    cues[frozenset(stems)] = _Cue(text, stems, frozenset(stems))
            aliases = [(a, frozenset(self.alias_stems(a))) for a in (*s.aliases, *kb.phrasings.get(s.id, ()))]
            cues_of.append(list(cues.values()))
            aliases_of.append([a for a in aliases if a[1]])
            documents.append({t for c in cues.values() for t in c.stems} | {t for _, st in aliases for t in st})
            raw_documents.append({t for text in (s.name, *s.cues) for t in content_stems(text)} | {t for _, st in aliases for t in st})
        self.idf = _idf(documents)
        if not params.fold_aliases:
            self.idf = {**_idf(raw_documents), **self.idf}
        whole_docs = documents if params.fold_aliases else raw_documents
        self._documents = [frozenset(t for t in d if self.idf[t] >= MIN_OVERLAP_IDF) for d in whole_docs]
        self._cue_index: dict[str, list[tuple[int, frozenset[str], _Cue]]] = defaultdict(list)
        for i, cues in enumerate(cues_of):
            for cue in cues:
                if len(cue.stem_set) == 1 and self.idf[cue.stems[0]] < SINGLE_CUE_MIN_IDF:
                    continue  # "he said she said" is just "said" once stop words go: too common to tell
                rarest = max(cue.stems, key=lambda t: (self.idf[t], t))
                self._cue_index[rarest].append((i, cue.stem_set, cue))
        # aliases as (symptom, informative stems, their IDF mass, each stem's weight x IDF, text), found through
        # rare stems; an alias that needs a negation is only reachable through the index of negated sentences
        self._alias_table: list[tuple[int, frozenset[str], float, dict[str, float], str]] = []
        self._alias_stems: list[frozenset[str]] = []
        """Each row's informative stems again, on their own: most rows are only intersected."""
        self._alias_index: dict[str, list[int]] = defaultdict(list)
        self._plain_alias_index: dict[str, list[int]] = defaultdict(list)
        for i, aliases in enumerate(aliases_of):
            # a word found in several phrasings of a symptom is its topic; one found once may be scenery
            seen: dict[str, int] = defaultdict(int)
            for _, st in aliases:
                for t in st:
                    seen[t] += 1
            for text, st in aliases:
                informative = frozenset(t for t in st if self.idf[t] >= MIN_OVERLAP_IDF)
                if len(informative) < 2:
                    continue
                row = len(self._alias_table)
                weights = {t: self.idf[t] * _topicality(seen[t]) for t in informative}
                mass = math.sqrt(math.fsum(w * w for w in weights.values()))
                needs_negation = bool(st & NEGATIONS)
                self._alias_table.append((i, informative, mass, {t: w * self.idf[t] for t, w in weights.items()}, text))
                self._alias_stems.append(informative)
                for t in informative:
                    if self.idf[t] >= RARE_IDF:
                        self._alias_index[t].append(row)
                        if not needs_negation:
                            self._plain_alias_index[t].append(row)
        # a denied clause that names a symptom's topic ("budget is not our problem") is evidence of absence
        self._topic_index: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self._topic_size: list[int] = []
        for i, s in enumerate(kb.symptoms.values()):
            topic = [t for t in set(self.stems(s.name)) if self.idf.get(t, 0.0) >= MIN_OVERLAP_IDF and t not in _VERDICTS]
            mass = math.fsum(self.idf[t] for t in topic)
            self._topic_size.append(len(topic))
            for t in topic:
                self._topic_index[t].append((i, self.idf[t] / mass))
        self._idf2 = {t: w * w for t, w in self.idf.items() if w >= MIN_OVERLAP_IDF}
        self._vocabulary = sorted(set(self.idf) | set(self.lexicon.single))
        self._typos: dict[str, str | None] = {}

    def stems(self, text: str) -> tuple[str, ...]:
        """Content stems of knowledge text, synonyms folded."""
        return self.lexicon.apply(content_stems(text))

    def alias_stems(self, text: str) -> tuple[str, ...]:
        """Content stems for whole-phrasing similarity (folded only when the calibration says so)."""
        return self.stems(text) if self.params.fold_aliases else content_stems(text)

    @cached_property
    def _long_vocabulary(self) -> list[str]:
        return [t for t in self._vocabulary if len(t) >= 4]

    def _correct(self, stem: str) -> str:
        """The vocabulary stem a misspelt stem most likely means (or itself).

        A candidate that merely adds or drops an affix ("experienc" / "inexperienc")
        is a different word, not a typo, and is left alone."""
        if stem in self.idf or stem in self.lexicon.single or len(stem) < TYPO_MIN_LENGTH:
            return stem
        if stem not in self._typos:
            from rapidfuzz import fuzz, process

            found = process.extractOne(stem, self._long_vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
            guess = found[0] if found else None
            if guess is not None and (guess in stem or stem in guess):
                guess = None
            self._typos[stem] = guess
        return self._typos[stem] or stem

    def match_sentence(self, sentence: Sentence) -> list[ClauseMatch]:
        """Every symptom this sentence shows (or denies) with a score above the threshold."""
        p = self.params
        idf, idf2 = self.idf, self._idf2
        raw = [t if t in idf else self._correct(t) for t in sentence.stems]
        folded, origin = self.lexicon.fold(raw)
        stems = list(folded)
        denied = [sentence.denied[k] for k in origin]
        present = set(stems)
        if p.fold_aliases:
            whole, whole_denied, said = stems, denied, present
        else:
            whole, whole_denied, said = raw, list(sentence.denied), set(raw)
        positions: dict[str, list[int]] = defaultdict(list)
        for pos, t in enumerate(stems):
            positions[t].append(pos)
        fired: dict[int, list[tuple[_Cue, int]]] = defaultdict(list)
        cue_index = self._cue_index
        for t in present:
            if t in cue_index:
                for i, stem_set, cue in cue_index[t]:
                    if stem_set <= present:
                        start = positions[t][0] if len(cue.stems) == 1 else _window_start(cue.stems, positions)
                        if start is not None:
                            fired[i].append((cue, start))
        # an alias that needs a negation only applies to a negated sentence:
        # "I don't know what the PMO does" is not "everyone knows what the PMO does"
        alias_index = self._alias_index if not said.isdisjoint(NEGATIONS) else self._plain_alias_index
        table, alias_stems = self._alias_table, self._alias_stems
        rows = {row for t in said if t in alias_index for row in alias_index[t]}
        norm = math.sqrt(math.fsum(idf2.get(t, 0.0) for t in said)) or 1.0
        best_alias: dict[int, list[tuple[float, int]]] = {}
        min_stems = p.alias_min_stems
        for row in rows:
            common = alias_stems[row] & said
            if len(common) >= min_stems:
                i, _, mass, weighted_idf, _ = table[row]
                similarity = math.fsum(weighted_idf[t] for t in common) / (mass * norm)
                if i in best_alias:
                    best_alias[i].append((similarity, row))
                else:
                    best_alias[i] = [(similarity, row)]
        alias_scores: dict[int, tuple[float, int]] = {}
        top = p.alias_top
        for i, found in best_alias.items():
            if len(found) > 1:
                found.sort(reverse=True)
            # the mean of the best `top` (one alone is itself: 0 + c == c, c / 1 == c)
            alias_scores[i] = (found[0][0] if top == 1 else sum(c for c, _ in found[:top]) / top, found[0][1])
        floor, threshold = p.alias_floor, p.threshold
        results = []
        for i in set(fired).union(i for i, (c, _) in alias_scores.items() if c > floor):
            coverage, row = alias_scores.get(i, (0.0, -1))
            alias_part = (coverage - floor) / (1.0 - floor) if coverage > floor else 0.0
            cues = fired.get(i, ())
            cue_part = 1.0 - math.exp(-math.fsum(idf[t] for t in {t for cue, _ in cues for t in cue.stems}) / p.cue_scale)
            shared = math.fsum(idf[t] for t in self._documents[i] & said)
            overlap_part = p.overlap_weight * (1.0 - math.exp(-shared / p.overlap_scale))
            score = 1.0 - (1.0 - cue_part) * (1.0 - alias_part) * (1.0 - overlap_part)
            if score < threshold:
                continue
            matched = tuple(sorted({cue.text for cue, _ in cues}))
            if alias_part > 0:
                matched += (f'"{table[row][4]}"',)
            if cues:
                is_denied = all(denied[start] or self._negated(cue, start, stems) for cue, start in cues)
            else:
                alias = table[row][1]
                flags = [whole_denied[pos] for pos, t in enumerate(whole) if t in alias]
                is_denied = sum(flags) * 2 > len(flags)
            results.append(ClauseMatch(self.symptom_ids[i], round(score, 4), not is_denied, sentence.text, matched))
        if any(denied):
            results += self._denied_topics(stems, denied, {m.symptom for m in results}, sentence.text)
        results.sort(key=lambda m: (-m.score, m.symptom))
        return results

    @staticmethod
    def _negated(cue: _Cue, start: int, stems: list[str]) -> bool:
        """A complaint-shaped cue right after a negation ("testing never gets cut") is denied.

        Cues that carry their own negation ("no resource plan", "nobody checked") describe a lack,
        and the negation is part of the complaint."""
        if cue.stem_set & NEGATIONS:
            return False
        return any(t in LOCAL_NEGATIONS for t in stems[max(0, start - NEGATION_REACH) : start])

    def _denied_topics(self, stems: list[str], denied: list[bool], seen: set[str], text: str) -> list[ClauseMatch]:
        """Symptoms whose topic a denying clause names: "budget is not our problem" denies budget overruns."""
        said = {t for t, d in zip(stems, denied) if d}
        share: dict[int, float] = defaultdict(float)
        words: dict[int, int] = defaultdict(int)
        for t in said:
            for i, part in self._topic_index.get(t, ()):
                share[i] += part
                words[i] += 1
        return [
            ClauseMatch(self.symptom_ids[i], round(0.4 + 0.4 * part, 4), False, text, ("denied topic",))
            for i, part in share.items()
            if part >= TOPIC_SHARE and self.symptom_ids[i] not in seen
            and (words[i] >= 2 or self._topic_size[i] <= 2)  # one word of a long name is not its topic
        ]

    def match_statement(self, statement: str) -> list[ClauseMatch]:
        """Matches of every sentence of a statement, strongest first per symptom."""
        return self.match_sentences(sentences(statement))

    def match_sentences(self, parts: list[Sentence]) -> list[ClauseMatch]:
        """Matches of a statement already split into sentences, strongest first per symptom."""
        best: dict[str, ClauseMatch] = {}
        # (A statement of several sentences is not read again as one: the cause themes hear a story
        # told across sentences; the second reading doubled the matching time for the same accuracy.)
        for m in (m for sentence in parts for m in self.match_sentence(sentence)):
            kept = best.get(m.symptom)
            if kept is None or (m.present, m.score) > (kept.present, kept.score):
                best[m.symptom] = m
        return sorted(best.values(), key=lambda m: (-m.score, m.symptom))


TOPICALITY = (0.8, 1.0, 1.0)
"""Weight of a word found in one, two, three or more phrasings of the same symptom."""


def _topicality(count: int) -> float:
    return TOPICALITY[min(count, len(TOPICALITY)) - 1]


def _idf(documents: list[set[str]]) -> dict[str, float]:
    df: dict[str, int] = defaultdict(int)
    for doc in documents:
        for t in doc:
            df[t] += 1
    n = len(documents)
    return {t: math.log((n + 1) / (count + 0.5)) for t, count in df.items()}


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
