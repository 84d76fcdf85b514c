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
evidence of absence, and so does a "not" or "never" before or inside a
complaint's words ("testing never gets cut"). Where the negation is the
complaint, it is not: "we don't have a resource plan" (see ``_read``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from typing import NamedTuple

from .knowledge.base import KnowledgeBase
from .text import Lexicon, Sentence, content_stems, sentences

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
LACKING = NEGATIONS | {"lack"}
"""Words in a symptom's name that make it a lack."""
HEALTHY_REACH = 3
"""How many words before a healthy phrase a negation turns it into the complaint ("we have no clear ranked list")."""
MIN_OVERLAP_IDF = 0.8
"""Words in almost every symptom ("project", "not", "every") carry no signal for the overlap channels."""
PHRASE_MIN_STEMS = 3
"""A cue said word for word counts as a phrase from this many stems (two common words side by side are
common: "every project")."""
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


class _CueEntry(NamedTuple):
    """A cue in the matcher's index, with what scoring a fired cue needs precomputed."""

    symptom: int
    text: str
    stems: tuple[str, ...]
    stem_set: frozenset[str]
    longer: bool
    """More than two distinct stems: finding it through two of them does not prove the rest."""
    mass: float
    """The exact sum (fsum) of its stems' IDF: the cue signal when it fires alone."""
    negative: bool
    """It carries its own negation ("no resource plan"): a negation before it is part of the complaint."""
    phrase_mass: float
    """The signal when it is said word for word (PHRASE_MIN_STEMS stems or more, in order, nothing between):
    at least the IDF of the whole phrase among the symptoms' texts, so that a phrase of common words
    ("nobody owns the project") counts when it is said as written."""
    healthy: bool = False
    """It states the symptom's healthy opposite ("decisions are made quickly"): heard, it denies the symptom."""
    ordered: bool = False
    """Its words must be said in its order: it has a word whose sense turns with the order ("no candidates" is
    not "candidates say no", "above budget" is not "budgets above a million")."""


_Reading = tuple[int, float, bool, tuple[str, ...]]
"""(symptom number, score, present, matched): a ClauseMatch before it is built (most never are)."""


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
        # cues are found through their two rarest stems: a cue can only fire when both are in the sentence
        # (measured: a sentence checks ~4 cues instead of ~32 found through the rarest stem alone)
        self._single_cues: dict[str, list[_CueEntry]] = defaultdict(list)
        """Cues of one stem, by that stem: each fires wherever its stem is said."""
        self._cue_pairs: dict[str, dict[str, list[_CueEntry]]] = {}
        """Cues of several stems, by their rarest and then their second rarest stem."""
        texts = [(i, frozenset(self.stems(text))) for i, s in enumerate(kb.symptoms.values())
                 for text in (s.name, *s.cues, *s.aliases, *kb.phrasings.get(s.id, ()))]
        holders: dict[str, set[int]] = defaultdict(set)
        for k, (_, stem_set) in enumerate(texts):
            for t in stem_set:
                holders[t].add(k)
        for i, cues in enumerate(cues_of):
            for cue in cues:
                if len(cue.stem_set) == 1 and self.idf[cue.stems[0]] < SINGLE_CUE_MIN_IDF:
                    continue  # "he said she said" is just "said" once stop words go: too common to tell
                rarest, second, *_ = sorted(cue.stem_set, key=lambda t: (self.idf[t], t), reverse=True) + [""]
                mass = math.fsum(self.idf[t] for t in cue.stem_set)
                phrase_mass = mass
                if len(cue.stems) >= PHRASE_MIN_STEMS:
                    saying = {texts[k][0] for k in set.intersection(*(holders[t] for t in cue.stem_set))}
                    phrase_mass = max(mass, _idf_of(len(saying), len(documents)))
                entry = _CueEntry(
                    i, cue.text, cue.stems, cue.stem_set, len(cue.stem_set) > 2,
                    mass, not cue.stem_set.isdisjoint(NEGATIONS), phrase_mass,
                    ordered=not cue.stem_set.isdisjoint(ORDER_WORDS),
                )
                if second:
                    self._cue_pairs.setdefault(rarest, {}).setdefault(second, []).append(entry)
                else:
                    self._single_cues[rarest].append(entry)
        # healthy phrases, indexed like cues; their words weigh what they weigh in the symptoms' texts, or
        # as the rarest word when no symptom uses them
        rarest_idf = max(self.idf.values())
        healthy_stems: set[str] = set()
        for i, s in enumerate(kb.symptoms.values()):
            for text in kb.healthy.get(s.id, ()):
                stems = self.stems(text)
                stem_set = frozenset(stems)
                if len(stem_set) < 2:
                    continue
                healthy_stems |= stem_set
                weight = {t: self.idf.get(t, rarest_idf) for t in stem_set}
                rarest, second = sorted(stem_set, key=lambda t: (weight[t], t), reverse=True)[:2]
                mass = math.fsum(weight.values())
                entry = _CueEntry(i, text, stems, stem_set, len(stem_set) > 2, mass, False, mass, True)
                self._cue_pairs.setdefault(rarest, {}).setdefault(second, []).append(entry)
        # aliases as (symptom, informative stems, their IDF mass, each stem's weight x IDF, text), found through
        # rare stems; an alias that needs a negation is only reachable in a negated sentence
        self._alias_table: list[tuple[int, frozenset[str], float, dict[str, float], str]] = []
        self._alias_stems: list[frozenset[str]] = []
        """Each row's informative stems again, on their own."""
        # The rows are sets of bits (Python ints, bit n for row n): which rows share two words with a sentence
        # is a few ORs and ANDs per word of the sentence, not a set intersection per row of the ~20 (up to 150)
        # rows sharing one rare word (measured: 17.6 -> 8.1 us per sentence).
        self._alias_rows: dict[str, int] = {}
        """Informative stem -> the rows that have it."""
        self._rare_stems: frozenset[str] = frozenset()
        """The informative stems an alias is reached through (rare enough to point at a symptom)."""
        self._plain_rows = 0
        """The rows that need no negation in the sentence."""
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
                self._alias_table.append((i, informative, mass, {t: w * self.idf[t] for t, w in weights.items()}, text))
                self._alias_stems.append(informative)
                for t in informative:
                    self._alias_rows[t] = self._alias_rows.get(t, 0) | 1 << row
                if st.isdisjoint(NEGATIONS):
                    self._plain_rows |= 1 << row
        self._rare_stems = frozenset(t for t in self._alias_rows if self.idf[t] >= RARE_IDF)
        # a denied clause that names a symptom's topic ("budget is not our problem") is evidence of absence
        self._topic_index: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self._topic_size: list[int] = []
        names = [self.stems(s.name) for s in kb.symptoms.values()]
        for i, name in enumerate(names):
            topic = [t for t in set(name) if self.idf.get(t, 0.0) >= MIN_OVERLAP_IDF and t not in _VERDICTS]
            mass = math.fsum(self.idf[t] for t in topic)
            self._topic_size.append(len(topic))
            for t in topic:
                self._topic_index[t].append((i, self.idf[t] / mass))
        self._lack = [not LACKING.isdisjoint(name) for name in names]
        """Per symptom: its name describes a lack ("No resource plan", "Project managers lack basic planning
        techniques"), so a negation near its words is the complaint ("our PMs can't build a schedule")."""
        self._everyone_does = [_after_nobody(name) for name in names]
        """Per symptom named "Nobody <does> ..." ("Nobody knows who decides"): that verb's stem, whose healthy
        opposite is "everyone <does>" ("everyone knows who decides")."""
        self._idf2 = {t: w * w for t, w in self.idf.items() if w >= MIN_OVERLAP_IDF}
        # the words of the phrasings and stories too: English as stakeholders write it ("server", "stream",
        # "throughout"), not misspellings of "sever", "steam", "throughput"
        story_stems = {t for said in (kb.phrasings, kb.stories) for texts in said.values() for text in texts
                       for t in content_stems(text)}
        self._known = frozenset(self.idf).union(self.lexicon.single, healthy_stems, story_stems)
        """Stems that are never corrected as typos."""
        self._cue_idf = {**{t: rarest_idf for t in healthy_stems}, **self.idf}
        """The IDF of every word a cue or healthy phrase has (a healthy phrase's own words weigh as the rarest)."""
        self._vocabulary = sorted(set(self.idf) | set(self.lexicon.single))
        self._typos: dict[str, str | None] = {}
        self._typo_candidates: dict[int, list[str]] = {}

    def stems(self, text: str) -> tuple[str, ...]:
        """Content stems of knowledge text, synonyms folded."""
        return self.lexicon.apply(content_stems(text))

    def alias_stems(self, text: str) -> tuple[str, ...]:
        """Content stems for whole-phrasing similarity (folded only when the calibration says so)."""
        return self.stems(text) if self.params.fold_aliases else content_stems(text)

    @cached_property
    def _long_vocabulary(self) -> list[str]:
        return [t for t in self._vocabulary if len(t) >= 4]

    def _near_in_length(self, length: int) -> list[str]:
        """The long vocabulary (in its order) that a stem this long can be within TYPO_CUTOFF of.

        fuzz.ratio is 100 * (1 - edits / (len(a) + len(b))) and takes at least |len(a) - len(b)| edits,
        so the rest cannot reach the cutoff (measured: 300 -> 70-280 us per stem to correct, and a
        realistic case has some five such stems the first time they are seen)."""
        if length not in self._typo_candidates:
            slack = 1.0 - TYPO_CUTOFF / 100.0
            self._typo_candidates[length] = [
                t for t in self._long_vocabulary if abs(len(t) - length) <= slack * (len(t) + length) + 1e-9
            ]
        return self._typo_candidates[length]

    def _correct(self, stem: str) -> str:
        """The vocabulary stem a misspelt stem most likely means (or itself).

        A candidate that merely adds or drops an affix ("experienc" / "inexperienc")
        is a different word, not a typo, and is left alone."""
        if stem in self._known or len(stem) < TYPO_MIN_LENGTH:
            return stem
        if stem not in self._typos:
            from rapidfuzz import fuzz, process

            found = process.extractOne(stem, self._near_in_length(len(stem)), scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
            guess = found[0] if found else None
            if guess is not None and (guess in stem or stem in guess):
                guess = None
            self._typos[stem] = guess
        return self._typos[stem] or stem

    def match_sentence(self, sentence: Sentence) -> list[ClauseMatch]:
        """Every symptom this sentence shows (or denies) with a score above the threshold."""
        ids, text = self.symptom_ids, sentence.text
        results = [ClauseMatch(ids[i], score, present, text, matched) for i, score, present, matched in self._read(sentence)]
        results.sort(key=lambda m: (-m.score, m.symptom))
        return results

    def _read(self, sentence: Sentence) -> list[_Reading]:
        """:meth:`match_sentence` as plain tuples, in no particular order."""
        p = self.params
        idf = self.idf
        if self._known.issuperset(sentence.stems):  # no word to correct (most sentences): skip the per-word test
            raw = sentence.stems
        else:
            raw = tuple([t if t in idf else self._correct(t) for t in sentence.stems])
        stems, origin = self.lexicon.fold(raw)
        sentence_denied = sentence.denied
        any_denied = True in sentence_denied
        negated = sentence.negated
        if origin is None:  # nothing folded into a phrase: one stem per word
            denied = sentence_denied
        else:
            denied = tuple([sentence_denied[k] for k in origin])
            if negated is not None:
                negated = tuple([negated[k] for k in origin])
        present = set(stems)
        if p.fold_aliases:
            whole, whole_denied, whole_negated, said = stems, denied, negated, present
        else:
            whole, whole_denied, whole_negated, said = raw, sentence_denied, sentence.negated, set(raw)
        fired = self._fired_cues(stems, present)
        alias_scores = self._alias_scores(said)
        floor, threshold = p.alias_floor, p.threshold
        overlap_weight, overlap_scale, cue_scale = p.overlap_weight, p.overlap_scale, p.cue_scale
        idf_of, documents, table = idf.__getitem__, self._documents, self._alias_table
        cue_idf = self._cue_idf.__getitem__
        lack, everyone_does, everyone = self._lack, self._everyone_does, _EVERYONE
        results: list[_Reading] = []
        for i in set(fired).union([i for i, (c, _) in alias_scores.items() if c > floor]):
            coverage, row = alias_scores.get(i, (0.0, -1))
            alias_part = (coverage - floor) / (1.0 - floor) if coverage > floor else 0.0
            cues = fired.get(i, ())
            if not cues:
                cue_part = 0.0  # (what the sum below gives for no cues: 1 - exp(-0))
            else:
                # one cue's stems, or several cues' stems each once
                mass = _phrase_or_words(cues[0]) if len(cues) == 1 else max(
                    math.fsum(map(cue_idf, {t for cue, *_ in cues for t in cue.stem_set})), *map(_phrase_or_words, cues))
                cue_part = 1.0 - math.exp(-mass / cue_scale)
            shared = math.fsum(map(idf_of, documents[i] & said))
            overlap_part = overlap_weight * (1.0 - math.exp(-shared / overlap_scale))
            score = 1.0 - (1.0 - cue_part) * (1.0 - alias_part) * (1.0 - overlap_part)
            if score < threshold:
                continue
            matched = tuple(sorted({cue.text for cue, *_ in cues}))
            if alias_part > 0:
                matched += (f'"{table[row][4]}"',)
            if cues:
                # A cue is denied in a denying clause (all of it: "the PMO is fine but nobody knows what it
                # does" is a complaint), or when its last word is in the scope of a "not" or
                # "never" ("testing never gets cut", "line managers don't pull people back"), unless the
                # negation is the complaint: the cue carries its own ("no resource plan") or the symptom is
                # named as a lack ("we do not have a resource plan"). The cues vote by their IDF mass:
                # "testing never gets cut" also fires "never tested"; the heavier side decides, a tie denies.
                denying = affirming = 0.0
                for cue, start, end in cues:
                    if cue.healthy:  # the healthy state said plainly denies; with a "no" or "not" just before it, it is the complaint
                        if LACKING.isdisjoint(stems[max(0, start - HEALTHY_REACH) : start]):
                            denying += cue.mass
                        else:
                            affirming += cue.mass
                    elif (denied[start] and denied[end]) or (negated is not None and negated[end] and not (cue.negative or lack[i])):
                        denying += cue.mass
                    else:
                        affirming += cue.mass
                is_denied = denying >= affirming
            elif not any_denied and whole_negated is None:
                is_denied = False
            else:
                # a whole phrasing is denied when most of the words it shares with the sentence are said in a
                # denying clause; said in the scope of a "not" or "never" ("testing is never the thing that gets
                # cut" is not "testing is always the first thing cut"), it is no reading at all (a likeness of
                # words, turned round, is too weak to say the symptom is absent), unless the phrasing needs a
                # negation itself or the symptom is a lack
                alias = table[row][1]
                shared = [pos for pos, t in enumerate(whole) if t in alias]
                is_denied = sum(whole_denied[pos] for pos in shared) * 2 > len(shared)
                if (not is_denied and whole_negated is not None and not lack[i] and self._plain_rows >> row & 1
                        and sum(whole_negated[pos] for pos in shared) * 2 >= len(shared)):  # a tie, as for cues
                    continue
            if not is_denied and (verb := everyone_does[i]) is not None and verb in present and not everyone.isdisjoint(present):
                is_denied = _everyone(stems, verb) and LACKING.isdisjoint(present)
            results.append((i, round(score, 4), not is_denied, matched))
        if any_denied and True in denied:
            results += self._denied_topics(stems, denied, {r[0] for r in results})
        return results

    def _fired_cues(self, stems: tuple[str, ...], present: set[str]) -> dict[int, list[tuple[_CueEntry, int, int]]]:
        """Symptom number -> its cues that fire in these (folded) stems, each with where it starts and ends."""
        fired: dict[int, list[tuple[_CueEntry, int, int]]] = {}
        singles, pairs = self._single_cues, self._cue_pairs
        for t in filter(singles.__contains__, present):  # (set.intersection(dict) would walk the whole dict)
            start = stems.index(t)
            for cue in singles[t]:
                if cue.symptom in fired:
                    fired[cue.symptom].append((cue, start, start))
                else:
                    fired[cue.symptom] = [(cue, start, start)]
        positions: dict[str, list[int]] | None = None
        for t in filter(pairs.__contains__, present):
            by_second = pairs[t]
            for second in filter(present.__contains__, by_second):
                for cue in by_second[second]:
                    if cue.longer and not cue.stem_set <= present:
                        continue
                    if positions is None:
                        positions = _positions(stems)
                    window = (_ordered_window if cue.ordered else _window)(cue.stems, positions)
                    if window is None or (cue.healthy and not self._healthy_heard(cue, window, stems, present)):
                        continue
                    if cue.symptom in fired:
                        fired[cue.symptom].append((cue, *window))
                    else:
                        fired[cue.symptom] = [(cue, *window)]
        return fired

    @staticmethod
    def _healthy_heard(cue: _CueEntry, window: tuple[int, int], stems: tuple[str, ...], present: set[str]) -> bool:
        """A healthy phrase counts said as one phrase (its words side by side: "every risk has an owner" is
        not "our risk log ... every owner cell says TBC"), in a sentence with no negation, or with one just
        before it ("we have no clear ranked list"), which makes it the complaint."""
        start, end = window
        if end - start != len(cue.stem_set) - 1:
            return False
        return LACKING.isdisjoint(present) or not LACKING.isdisjoint(stems[max(0, start - HEALTHY_REACH) : start])

    def _alias_scores(self, said: set[str]) -> dict[int, tuple[float, int]]:
        """Symptom number -> (its best alias similarity, that alias's row) for the aliases sharing enough words."""
        alias_rows, rare = self._alias_rows, self._rare_stems
        min_stems = max(1, self.params.alias_min_stems)
        sharing = [0] * min_stems  # sharing[j]: the rows sharing at least j + 1 words with the sentence
        reached = 0  # the rows sharing a rare word
        for t in filter(alias_rows.__contains__, said):
            rows = alias_rows[t]
            for j in range(min_stems - 1, 0, -1):
                sharing[j] |= sharing[j - 1] & rows
            sharing[0] |= rows
            if t in rare:
                reached |= rows
        found = sharing[-1] & reached
        # an alias that needs a negation only applies to a negated sentence:
        # "I don't know what the PMO does" is not "everyone knows what the PMO does"
        if said.isdisjoint(NEGATIONS):
            found &= self._plain_rows
        if not found:
            return {}
        table, alias_stems = self._alias_table, self._alias_stems
        norm = math.sqrt(math.fsum(map(self._idf2.get, said, repeat(0.0)))) or 1.0
        top = self.params.alias_top
        best: dict[int, tuple[float, int]] = {}
        candidates: dict[int, list[tuple[float, int]]] = defaultdict(list)
        while found:
            lowest = found & -found
            found ^= lowest
            row = lowest.bit_length() - 1
            i, _, mass, weighted_idf, _ = table[row]
            similarity = (math.fsum(map(weighted_idf.__getitem__, alias_stems[row] & said)) / (mass * norm), row)
            if top > 1:
                candidates[i].append(similarity)
            elif i not in best or similarity > best[i]:
                best[i] = similarity
        for i, scored in candidates.items():  # the mean of the best `top`, with the best one's row
            scored.sort(reverse=True)
            best[i] = (sum(c for c, _ in scored[:top]) / top, scored[0][1])
        return best

    def _denied_topics(self, stems: tuple[str, ...], denied: tuple[bool, ...], seen: set[int]) -> list[_Reading]:
        """Symptoms whose topic a denying clause names: "budget is not our problem" denies budget overruns."""
        said = {t for t, d in zip(stems, denied) if d}
        share: dict[int, float] = defaultdict(float)
        words: dict[int, int] = defaultdict(int)
        for t in said:
            for i, part in self._topic_index.get(t, ()):
                share[i] += part
                words[i] += 1
        return [
            (i, round(0.4 + 0.4 * part, 4), False, ("denied topic",))
            for i, part in share.items()
            if part >= TOPIC_SHARE and i not in seen
            and (words[i] >= 2 or self._topic_size[i] <= 2)  # one word of a long name is not its topic
        ]

    def match_statement(self, statement: str) -> list[ClauseMatch]:
        """Matches of every sentence of a statement, strongest first per symptom."""
        return self.match_sentences(sentences(statement))

    def match_sentences(self, parts: list[Sentence]) -> list[ClauseMatch]:
        """Matches of a statement already split into sentences, strongest first per symptom."""
        best: dict[int, tuple[_Reading, str]] = {}
        # (A statement of several sentences is not read again as one: the cause themes hear a story
        # told across sentences; the second reading doubled the matching time for the same accuracy.)
        for sentence in parts:
            for reading in self._read(sentence):
                kept = best.get(reading[0])
                # the stronger reading wins; on a tie the earlier sentence keeps it
                if kept is None or (reading[2], reading[1]) > (kept[0][2], kept[0][1]):
                    best[reading[0]] = (reading, sentence.text)
        ids = self.symptom_ids
        matches = [ClauseMatch(ids[i], score, present, text, matched) for (i, score, present, matched), text in best.values()]
        return sorted(matches, key=lambda m: (-m.score, m.symptom))


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
    return {t: _idf_of(count, n) for t, count in df.items()}


def _idf_of(count: int, documents: int) -> float:
    return math.log((documents + 1) / (count + 0.5))


ORDER_WORDS = frozenset("more less after befor abov below without under too until sinc".split())
"""Stems whose sense turns with the order of a cue's words (see ``_CueEntry.ordered``)."""
_EVERYONE = frozenset(content_stems("everyone everybody always"))
"""Said right before the verb of a "Nobody <does> ..." symptom's name, the healthy opposite (see ``_everyone_does``)."""


def _after_nobody(name: tuple[str, ...]) -> str | None:
    """The stem right after "nobody" in a symptom's name, if any ("Nobody knows who decides" -> "know")."""
    after = name.index("nobodi") + 1 if "nobodi" in name else len(name)
    return name[after] if after < len(name) else None


def _everyone(stems: tuple[str, ...], verb: str) -> bool:
    """Whether "everyone", "everybody" or "always" is said right before this verb ("everyone knows who decides",
    "we always know who decides")."""
    return any(t in _EVERYONE and stems[k + 1] == verb for k, t in enumerate(stems[:-1]))


def _phrase_or_words(fired: tuple[_CueEntry, int, int]) -> float:
    """A fired cue's signal mass: its phrase mass when said word for word, else its words' IDF."""
    cue, start, end = fired
    return cue.phrase_mass if end - start == len(cue.stems) - 1 else cue.mass


def _positions(stems: tuple[str, ...]) -> dict[str, list[int]]:
    """Stem -> the positions it is said at, in order."""
    positions: dict[str, list[int]] = {}
    for pos, t in enumerate(stems):
        if t in positions:
            positions[t].append(pos)
        else:
            positions[t] = [pos]
    return positions


def _ordered_window(cue: tuple[str, ...], positions: dict[str, list[int]]) -> tuple[int, int] | None:
    """:func:`_window` for a cue whose words must come in its order."""
    span = len(cue) + 2
    for anchor in positions[cue[0]]:
        at = anchor
        for t in cue[1:]:
            at = next((p for p in positions[t] if p > at), -1)
            if at < 0:
                break
        else:
            if at - anchor <= span:
                return anchor, at
    return None


def _window(cue: tuple[str, ...], positions: dict[str, list[int]]) -> tuple[int, int] | None:
    """The first and last position of the cue in the clause if its stems sit close together, else None."""
    if len(cue) == 1:
        first = positions[cue[0]][0]
        return first, first
    span = len(cue) + 2
    for anchor in positions[cue[0]]:
        nearest = [min(positions[t], key=lambda p: abs(p - anchor)) for t in cue[1:]]
        lo, hi = min(anchor, *nearest), max(anchor, *nearest)
        if hi - lo <= span:
            return lo, hi
    return None
