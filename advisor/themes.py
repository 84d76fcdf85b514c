"""Cause themes: how stakeholders tend to talk when a root cause is at work.

Every cause gets a weighted vocabulary (its theme) built from what the
knowledge says of the symptoms that indicate it (names, aliases, cues,
phrasings and stories), weighted by how strongly each symptom indicates the
cause, plus the cause's own name and description. The vocabulary holds words
and *word pairs*: two content words at most :data:`PAIR_REACH` words apart
("nobodi … know", "heard … from", "found … out") keep much of a phrase's
meaning that single words lose. A case's statements, read as one bag of
words and pairs with the clauses that deny a problem left out (a word said
more than twice counts twice), are compared with every theme (TF-IDF
cosine). The similarities are standardised across the causes, so a theme
score says how much more this case sounds like this cause than like the
average cause, in standard deviations.

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

DESCRIPTION_WEIGHT = 0.3
"""Weight of each word of a cause's own name and description in its theme."""
PAIR_REACH = 3
"""Two words form a pair when at most this many positions apart (measured: 1 to 5 tried, 3 and 4 best)."""
MIN_IDF = 0.05
"""Words and pairs found in the theme of (almost) every cause (IDF below this: 32 or 33 of 33) move
every cause alike, by about a ten-thousandth of what a rare word does (their weight carries the IDF
twice), so their postings are left out: they are some 45% of the sum's work on realistic cases.
Measured: instructions per realistic case -5%; on the 300 development cases one interview ends with
the primary second instead of first (holdout2 g05, after the 10-question cap), nothing else moves
(at 0.15, df >= 29, two service@5 lists also changed)."""
DENSE_FROM = 12
"""Words and pairs in the themes of at least this many causes keep their weights for every cause, zeros
included, already times their IDF: a case's dense rows are then summed cause by cause in C (``zip`` and
``sum``) instead of one posting at a time in Python. There are some 8,000 of them (2 MB), yet they
are some 80% of the postings a case touches."""
REPEATED = 1.0 + math.log(2)
"""The weight of a word or pair said twice or more (once: 1). A word said more than twice counts as said
twice: repeated words mostly name the setting ("the PMO" five times in a case about its sponsor), not
the cause. Measured on 892 development cases: cause@3 860 -> 861 and four cases up, none down
(counting up to three times: one case up; every word once: cause@1 780 -> 775)."""
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


class CauseThemes:
    """The theme of every cause of one knowledge base, indexed by word and pair.

    Words have a number; a pair (a, b) is looked up by ``a * words + b`` in an
    open-addressing table. There are some hundred thousand pairs, and flat
    arrays load from the cache at once where a dict of them would take longer
    to load than everything else."""

    def __init__(self, kb: KnowledgeBase):
        self.cause_ids = list(kb.causes)
        position = {cause_id: k for k, cause_id in enumerate(self.cause_ids)}
        raw: list[dict[str, float]] = [defaultdict(float) for _ in self.cause_ids]
        for symptom in kb.symptoms.values():
            if not symptom.indicates:
                continue
            texts = [symptom.name, *symptom.aliases, *symptom.cues, *kb.phrasings.get(symptom.id, ()), *kb.stories.get(symptom.id, ())]
            counts = Counter(t for text in texts for t in set(features(content_stems(text))))
            for cause_id, sensitivity in symptom.indicates.items():
                theme = raw[position[cause_id]]
                for word, count in counts.items():
                    theme[word] += sensitivity * count / len(texts)
        for cause in kb.causes.values():
            theme = raw[position[cause.id]]
            for word in content_stems(f"{cause.name} {cause.description}"):
                theme[word] += DESCRIPTION_WEIGHT
        spread = Counter(word for theme in raw for word in theme)
        n = len(raw)
        idf = {word: math.log((n + 1) / (count + 0.5)) for word, count in spread.items()}
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for k, theme in enumerate(raw):
            weighted = {word: value * idf[word] for word, value in theme.items()}
            norm = math.sqrt(math.fsum(v * v for v in weighted.values())) or 1.0
            for word, value in sorted(weighted.items()):
                postings[word].append((k, value / norm))
        words = sorted(w for w in postings if " " not in w)
        pairs = sorted(w for w in postings if " " in w)
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
            if idf[feature] >= MIN_IDF:
                if len(postings[feature]) >= DENSE_FROM:
                    self._dense[row] = len(self._dense_weights)
                    weights = [0.0] * n
                    for k, w in postings[feature]:
                        weights[k] = w * idf[feature]
                    self._dense_weights.extend(weights)
                else:
                    self._causes.extend(k for k, _ in postings[feature])
                    self._weights.extend(w for _, w in postings[feature])
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
        if not found or len(self.cause_ids) < 2:  # (every weight is positive: no rows is the only zero vector)
            return {}
        n = len(self.cause_ids)
        idf, start, causes, weights = self._idf, self._start, self._causes, self._weights
        dense, dense_weights = self._dense, self._dense_weights
        dense_rows = []
        sparse_rows = []
        for row, count in Counter(found).items():  # (a Counter keeps the rows in the order first found)
            at = dense.get(row)
            if at is None:
                sparse_rows.append((row, REPEATED if count > 1 else 1.0))
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
        mean = sum(similarity) / len(similarity)
        spread = math.sqrt(sum((s - mean) ** 2 for s in similarity) / len(similarity))
        if spread < MIN_SPREAD:
            return {}
        return {cause_id: (s - mean) / spread for cause_id, s in zip(self.cause_ids, similarity)}
