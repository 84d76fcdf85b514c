"""Cause themes: how stakeholders tend to talk when a root cause is at work.

Every cause gets a weighted vocabulary (its theme) built from what the
knowledge says of the symptoms that indicate it (names, aliases, cues,
phrasings and stories), weighted by how strongly each symptom indicates the
cause, plus the cause's own name and description. A case's statements, read
as one bag of words with the clauses that deny a problem left out, are
compared with every theme (TF-IDF cosine). The similarities are standardised
across the causes, so a theme score says how much more this case sounds like
this cause than like the average cause, in standard deviations.

It is broad, weak evidence that complements the symptom matcher: a story
told in a cause's vocabulary counts even when no single sentence states a
symptom in words the matcher knows.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from typing import Iterable

from .knowledge.base import KnowledgeBase
from .text import Sentence, content_stems, sentences

DESCRIPTION_WEIGHT = 0.3
"""Weight of each word of a cause's own name and description in its theme."""
MIN_SPREAD = 1e-9


class CauseThemes:
    """The theme of every cause of one knowledge base, indexed by word."""

    def __init__(self, kb: KnowledgeBase):
        self.cause_ids = list(kb.causes)
        position = {cause_id: k for k, cause_id in enumerate(self.cause_ids)}
        raw: list[dict[str, float]] = [defaultdict(float) for _ in self.cause_ids]
        for symptom in kb.symptoms.values():
            if not symptom.indicates:
                continue
            texts = [symptom.name, *symptom.aliases, *symptom.cues, *kb.phrasings.get(symptom.id, ()), *kb.stories.get(symptom.id, ())]
            counts = Counter(t for text in texts for t in set(content_stems(text)))
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
        self.idf = {word: math.log((n + 1) / (count + 0.5)) for word, count in spread.items()}
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for k, theme in enumerate(raw):
            weighted = {word: value * self.idf[word] for word, value in theme.items()}
            norm = math.sqrt(math.fsum(v * v for v in weighted.values())) or 1.0
            for word, value in sorted(weighted.items()):
                postings[word].append((k, value / norm))
        # word -> (cause positions, weights) as flat arrays: they load from the cache in one piece
        self._index: dict[str, tuple[array, array]] = {
            word: (array("H", [k for k, _ in found]), array("d", [w for _, w in found])) for word, found in postings.items()
        }

    def scores(self, statements: Iterable[str]) -> dict[str, float]:
        """Cause id -> how far above the average cause these statements sound like it (standard deviations)."""
        return self.scores_of([part for statement in statements for part in sentences(statement)])

    def scores_of(self, parts: Iterable[Sentence]) -> dict[str, float]:
        """:meth:`scores` for statements already split into sentences."""
        counts: Counter[str] = Counter()
        for sentence in parts:
            counts.update(t for t, denied in zip(sentence.stems, sentence.denied) if not denied)
        vector = {word: (1.0 + math.log(count)) * self.idf[word] for word, count in counts.items() if word in self.idf}
        norm = math.sqrt(math.fsum(v * v for v in vector.values()))
        if not norm or len(self.cause_ids) < 2:
            return {}
        similarity = [0.0] * len(self.cause_ids)
        for word, value in vector.items():
            causes, weights = self._index[word]
            for k, weight in zip(causes, weights):
                similarity[k] += value * weight
        mean = sum(similarity) / len(similarity)
        spread = math.sqrt(sum((s - mean) ** 2 for s in similarity) / len(similarity))
        if spread < MIN_SPREAD:
            return {}
        return {cause_id: (s - mean) / spread for cause_id, s in zip(self.cause_ids, similarity)}
