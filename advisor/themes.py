"""Cause themes: how stakeholders tend to talk when a root cause is at work.

Every text the knowledge holds about a symptom (its name, aliases, cues,
phrasings and stories) is an example of how people talk when the causes that
symptom indicates are at work, weighted by how strongly it indicates each;
a cause's own name and description are one more example of it, and every
worked case (a diagnosed case's statements, see :mod:`advisor.learning`) one
of the causes named for it. From these
examples a complement naive Bayes classifier (Rennie et al., "Tackling the
poor assumptions of naive Bayes text classifiers", ICML 2003) learns, for
every word and *word pair* (two content words at most :data:`PAIR_REACH`
words apart: "nobodi … know", "heard … from"), how much less it is said
when each cause is at work than when the others are. A case's statements,
read as one bag of words and pairs with the clauses that deny a problem left
out (TF-IDF, a word said more than once counting as said twice), are scored
against every cause, and the scores are standardised across the causes: a
theme score says how much more this case sounds like this cause than like
the average cause, in standard deviations, shrunk towards zero when the case
says little (:data:`FEW_WORDS`).

Complement naive Bayes replaced a TF-IDF cosine with each cause's average
vocabulary (measured, theme alone, primary cause first: 1,254 -> 1,401 of
1,522 development cases; in the whole diagnosis, on the 1,170 unread cases,
cause@1 1,033 -> 1,070). Learning from the other causes' examples, it weighs
what *tells causes apart* ("nobody checked who was free" against "people
pulled between projects"), where the average vocabulary weighed what a cause
is talked about with, which its neighbours share.

It is broad evidence that complements the symptom matcher: a story told in a
cause's vocabulary counts even when no single sentence states a symptom in
words the matcher knows.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from typing import Iterable, Sequence

from .knowledge.base import KnowledgeBase
from .text import Sentence, content_stems, sentences

SENSITIVITY_POWER = 2
"""A symptom's text is an example of each cause it indicates, weighted by this power of how strongly: its
words are mostly about its main cause (measured on 1,522 development cases, powers 1, 1.5, 2, 2.5 and 3:
cause@1 1,415, 1,422, 1,430, 1,421 and 1,416; weights shared out per symptom, or times the causes'
priors, did worse)."""
DESCRIPTION_WEIGHT = 1.0
"""Weight of a cause's own name and description, as one example of the cause."""
SMOOTHING = 0.1
"""Additive smoothing of every word's and pair's weighted count (naive Bayes' alpha)."""
PAIR_REACH = 3
"""Two words form a pair when at most this many positions apart (measured: 1 to 5 tried, 3 and 4 best)."""
DENSE_FROM = 12
"""Words and pairs said in the examples of at least this many causes keep their weights for every cause,
zeros included, already times their IDF: a case's dense rows are then summed cause by cause in C (``zip``
and ``sum``) instead of one posting at a time in Python."""
REPEATED = 1.0 + math.log(2)
"""The weight of a word or pair said twice or more (once: 1). A word said more than twice counts as said
twice: repeated words mostly name the setting ("the PMO" five times in a case about its sponsor), not
the cause. Measured on 892 development cases: cause@3 860 -> 861 and four cases up, none down
(counting up to three times: one case up; every word once: cause@1 780 -> 775)."""
FEW_WORDS = 50.0
"""Theme scores are shrunk towards zero by said / (said + FEW_WORDS), where said is the case's total TF-IDF
weight: about 40 for one short sentence, 1,000 to 1,800 for a case of a few stakeholders. Standardised
across the causes, one sentence ("Everything is priority one") would otherwise sound as much like its cause
as a whole case does (+5.3 sd, a factor of x1,690 in the differential); shrunk, it is +2.4 sd (x29), and a
whole case keeps some 96% of its score. Measured on 1,522 development cases: cause@1 1,430 unshrunk,
1,429 at 25, 1,428 at 50, 1,426 at 150, 1,425 at 400."""
WORKED_CASE_WEIGHT = 1.0
"""A worked case (all its statements as one text) is an example of its primary cause with this weight."""
SECONDARY_WEIGHT = 0.5
"""... and of each of its other causes with this share of it. Measured by 5-fold cross-validation on
1,642 development cases, folds by blind set (every case diagnosed with themes trained on the sets of the
other folds): cause@1 1,536 without worked cases, 1,599 with (cause@3 1,624 -> 1,629, service@5 0.884 ->
0.902). With every pair kept (MIN_PAIR_EXAMPLES 1): 1,593; case weights 0.5 and 3 did alike, secondaries
at 0.25 1,596 and at 1.0 1,572; a quarter of the training cases gave 1,566, half 1,584. Re-checked with
the final engine (1,602): secondaries at 0.25 and 0.75, case weight 2, SMOOTHING 0.05 and 0.2,
PAIR_REACH 4 and THEME_WEIGHT 1.1 to 2.2 all within 1,594-1,604."""
MIN_PAIR_EXAMPLES = 2
"""A word pair said in fewer examples than this is left out: most pairs of a long worked case are said
nowhere else, and they would triple the features without telling causes apart."""
MIN_SPREAD = 1e-9
_EMPTY = -1
_MIX = 0x9E3779B1
"""Knuth's multiplicative hash constant: spreads pair keys over the table."""


def features(stems: Sequence[str]) -> list[str]:
    """The words of a text and the ordered pairs of words close to each other ("a b")."""
    found = list(stems)
    for gap in range(1, PAIR_REACH + 1):
        found += [f"{a} {b}" for a, b in zip(stems, stems[gap:])]
    return found


def _examples(kb: KnowledgeBase) -> list[tuple[Counter[str], list[tuple[int, float]]]]:
    """Every text of the knowledge as (its words and pairs, [(cause number, weight), ...]): a symptom's texts are
    examples of the causes it indicates, weighted by how strongly (:data:`SENSITIVITY_POWER`); a cause's name
    and description, of it; a worked case's statements, of its causes (:data:`WORKED_CASE_WEIGHT`)."""
    position = {cause_id: k for k, cause_id in enumerate(kb.causes)}
    examples: list[tuple[Counter[str], list[tuple[int, float]]]] = []
    for symptom in kb.symptoms.values():
        labels = [(position[cause_id], sensitivity**SENSITIVITY_POWER) for cause_id, sensitivity in symptom.indicates.items()]
        if labels:
            texts = [symptom.name, *symptom.aliases, *symptom.cues, *kb.phrasings.get(symptom.id, ()), *kb.stories.get(symptom.id, ())]
            examples += [(Counter(features(content_stems(text))), labels) for text in texts]
    for cause in kb.causes.values():
        examples.append((Counter(content_stems(f"{cause.name} {cause.description}")), [(position[cause.id], DESCRIPTION_WEIGHT)]))
    for case in kb.worked_cases:
        primary, *others = case.causes
        labels = [(position[primary], WORKED_CASE_WEIGHT)] + [(position[c], WORKED_CASE_WEIGHT * SECONDARY_WEIGHT) for c in others]
        examples.append((Counter(features(content_stems(" . ".join(case.says)))), labels))
    return examples


def _weighted_counts(examples: list[tuple[Counter[str], list[tuple[int, float]]]], idf: dict[str, float], n: int) -> dict[str, list[float]]:
    """Word or pair -> its count per cause: each example as unit-length TF-IDF (over the features ``idf``
    keeps), its weight shared out to the causes it is an example of."""
    counts: dict[str, list[float]] = defaultdict(lambda: [0.0] * n)
    for said, labels in examples:
        vector = {feature: (1.0 + math.log(times) if times > 1 else 1.0) * idf[feature]
                  for feature, times in said.items() if feature in idf}
        norm = math.sqrt(math.fsum(v * v for v in vector.values()))
        if not norm:
            continue
        shares = [(k, weight / norm) for k, weight in labels]
        for feature, value in vector.items():
            row = counts[feature]
            for k, share in shares:
                row[k] += share * value
    return counts


class CauseThemes:
    """The theme of every cause of one knowledge base, indexed by word and pair.

    Words have a number; a pair (a, b) is looked up by ``a * words + b`` in an
    open-addressing table. There are some hundred thousand pairs, and flat
    arrays load from the cache at once where a dict of them would take longer
    to load than everything else."""

    def __init__(self, kb: KnowledgeBase):
        self.cause_ids = list(kb.causes)
        n = len(self.cause_ids)
        examples = _examples(kb)
        said_in = Counter(feature for counts, _ in examples for feature in counts)
        idf = {  # a feature left out has no IDF, and _weighted_counts passes over it
            feature: math.log((1 + len(examples)) / (1 + df)) + 1.0
            for feature, df in said_in.items()
            if df >= MIN_PAIR_EXAMPLES or " " not in feature
        }
        counts = _weighted_counts(examples, idf, n)
        # complement naive Bayes: a word's weight for a cause is how much rarer it is among the other
        # causes' examples: log(total + alpha) - log(total + alpha - this cause's count), zero where the
        # cause never says it; the normaliser of each cause's complement is added per case (_bias)
        totals = {feature: math.fsum(row) for feature, row in counts.items()}
        everything = math.fsum(totals.values()) + SMOOTHING * len(counts)  # (> any one cause's count: SMOOTHING > 0)
        said_by_cause = [math.fsum(column) for column in zip(*counts.values())] if counts else [0.0] * n
        self._bias = [math.log(everything - said) if counts else 0.0 for said in said_by_cause]
        """Per cause: log of its complement's total, times the case's total TF-IDF weight in every score."""
        words = sorted(w for w in counts if " " not in w)
        pairs = sorted(w for w in counts if " " in w)
        self._words = {w: i for i, w in enumerate(words)}
        """Word -> its number, which is also its row."""
        size = 1 << max(4, (2 * len(pairs)).bit_length())
        self._pair_keys = array("q", [_EMPTY]) * size
        self._pair_rows = array("I", [0]) * size
        self._idf = array("d")
        self._start = array("I", [0])
        self._causes = array("H")
        self._weights = array("d")
        self._dense: dict[int, int] = {}
        """Row -> where its weights for every cause start in :attr:`_dense_weights`."""
        self._dense_weights = array("d")
        for row, feature in enumerate(words + pairs):
            if " " in feature:
                a, b = feature.split(" ")
                self._insert(self._words[a] * len(words) + self._words[b], row)
            self._idf.append(idf[feature])
            base = totals[feature] + SMOOTHING
            log_base = math.log(base)
            postings = [(k, log_base - math.log(base - c)) for k, c in enumerate(counts[feature]) if c > 0.0]
            if len(postings) >= DENSE_FROM:
                self._dense[row] = len(self._dense_weights)
                weights = [0.0] * n
                for k, w in postings:
                    weights[k] = w * idf[feature]
                self._dense_weights.extend(weights)
            else:
                self._causes.extend(k for k, _ in postings)
                self._weights.extend(w for _, w in postings)
            self._start.append(len(self._causes))

    def _insert(self, key: int, row: int) -> None:
        mask = len(self._pair_keys) - 1
        slot = (key * _MIX) & mask
        while self._pair_keys[slot] != _EMPTY:
            slot = (slot + 1) & mask
        self._pair_keys[slot] = key
        self._pair_rows[slot] = row

    def _rows(self, stems: Sequence[str]) -> list[int]:
        """The rows of the words and pairs of a sentence that the knowledge knows."""
        words = self._words
        numbers = [words.get(t, _EMPTY) for t in stems]
        found = [i for i in numbers if i != _EMPTY]
        if len(found) < 2:  # no pair
            return found
        width, keys, rows = len(words), self._pair_keys, self._pair_rows
        mask = len(keys) - 1
        for gap in range(1, PAIR_REACH + 1):
            for a, b in zip(numbers, numbers[gap:]):
                if a == _EMPTY or b == _EMPTY:
                    continue
                key = a * width + b
                slot = (key * _MIX) & mask
                while (k := keys[slot]) != key:
                    if k == _EMPTY:
                        break
                    slot = (slot + 1) & mask
                else:
                    found.append(rows[slot])
        return found

    def scores(self, statements: Iterable[str]) -> dict[str, float]:
        """Cause id -> how far above the average cause these statements sound like it (standard deviations)."""
        return self.scores_of([part for statement in statements for part in sentences(statement)])

    def scores_of(self, parts: Iterable[Sentence]) -> dict[str, float]:
        """:meth:`scores` for statements already split into sentences."""
        found: list[int] = []
        for sentence in parts:
            if True in sentence.denied:
                found += self._rows([t for t, denied in zip(sentence.stems, sentence.denied) if not denied])
            else:
                found += self._rows(sentence.stems)
        if not found or len(self.cause_ids) < 2:
            return {}
        n = len(self.cause_ids)
        idf, start, causes, weights = self._idf, self._start, self._causes, self._weights
        dense, dense_weights = self._dense, self._dense_weights
        dense_rows = []
        sparse_rows = []
        said = 0.0  # the case's total TF-IDF weight
        for row, count in Counter(found).items():  # (a Counter keeps the rows in the order first found)
            scale = REPEATED if count > 1 else 1.0
            said += scale * idf[row]
            at = dense.get(row)
            if at is None:
                sparse_rows.append((row, scale))
            elif count == 1:
                dense_rows.append(dense_weights[at : at + n])
            else:
                dense_rows.append([REPEATED * w for w in dense_weights[at : at + n]])
        similarity = list(map(sum, zip(*dense_rows))) if dense_rows else [0.0] * n
        for row, scale in sparse_rows:
            value = scale * idf[row]
            begin, end = start[row], start[row + 1]
            for k, weight in zip(causes[begin:end], weights[begin:end]):
                similarity[k] += value * weight
        similarity = [s + said * bias for s, bias in zip(similarity, self._bias)]
        mean = sum(similarity) / len(similarity)
        spread = math.sqrt(sum((s - mean) ** 2 for s in similarity) / len(similarity))
        if spread < MIN_SPREAD:
            return {}
        shrink = said / (said + FEW_WORDS)
        return {cause_id: shrink * (s - mean) / spread for cause_id, s in zip(self.cause_ids, similarity)}
