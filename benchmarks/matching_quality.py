"""Matcher quality on labelled sentences (tests/matching/sentences.yaml: written blind, but their misses
have since been read, so they are no longer a blind figure), and on
4,334 blind stories that the matcher never reads (knowledge/stories: they feed only the
cause themes of advisor/themes.py, so for the sentence matcher they stay held back).

    python benchmarks/matching_quality.py [--show-misses N]

Two later rounds of phrasings (story-style, and vocabulary-widening) were measured to lower
case-level accuracy when shipped as knowledge, although they raised these matcher figures a
little: more phrasings let more symptoms fire faintly on every statement. They are shipped
as `stories:`, read only for the cause themes.

Recall: labelled symptoms found present. Precision: matches that are labelled.
Top-3 recall: a labelled symptom among the three strongest matches. Quiet rate:
sentences with no symptom that stay silent. Denials: denied symptoms read as absent
(or not read at all) rather than present.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from advisor import Advisor

SENTENCES = Path(__file__).resolve().parent.parent / "tests" / "matching" / "sentences.yaml"
BLIND_PHRASINGS = Path(__file__).resolve().parent.parent / "knowledge" / "stories"


def blind_phrasings() -> list[dict]:
    """The held-back phrasings as labelled sentences."""
    items = []
    for path in sorted(BLIND_PHRASINGS.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["stories"]:
            items += [{"text": text, "symptoms": [entry["symptom"]]} for text in entry["says"]]
    return items


def evaluate(advisor: Advisor, sentences: list[dict]) -> dict[str, float]:
    found = labelled = matched = correct = top3 = 0
    quiet = quiet_total = denial_ok = denial_total = 0
    misses: list[tuple[str, list[str], list[str]]] = []
    for item in sentences:
        labels = set(item.get("symptoms") or [])
        absent = set(item.get("absent") or [])
        matches = advisor.listen(item["text"])
        present = [m.symptom for m in matches if m.present]
        if labels:
            labelled += len(labels)
            found += len(labels & set(present))
            matched += len(present)
            correct += len(labels & set(present))
            top3 += bool(labels & set(present[:3]))
            if not labels & set(present):
                misses.append((item["text"], sorted(labels), present[:3]))
        elif absent:
            denial_total += 1
            denial_ok += not (absent & set(present))
        else:
            quiet_total += 1
            quiet += not present
    positives = sum(1 for s in sentences if s.get("symptoms"))
    return {
        "recall": found / max(labelled, 1),
        "precision": correct / max(matched, 1),
        "top3_sentence_recall": top3 / max(positives, 1),
        "quiet_rate": quiet / max(quiet_total, 1),
        "denials_not_read_present": denial_ok / max(denial_total, 1),
        "misses": misses,  # type: ignore[dict-item]
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show-misses", type=int, default=0)
    args = parser.parse_args()
    sentences = yaml.safe_load(SENTENCES.read_text(encoding="utf-8"))["sentences"]
    advisor = Advisor.default()
    result = evaluate(advisor, sentences)
    print(f"labelled sentences (written blind, misses read since): {len(sentences)}")
    for key in ("recall", "precision", "top3_sentence_recall", "quiet_rate", "denials_not_read_present"):
        print(f"  {key:<26} {result[key]:.3f}")
    held_back = blind_phrasings()
    if held_back:
        extra = evaluate(advisor, held_back)
        print(f"held-back blind phrasings: {len(held_back)}")
        for key in ("recall", "precision", "top3_sentence_recall"):
            print(f"  {key:<26} {extra[key]:.3f}")
    for text, labels, got in result["misses"][: args.show_misses]:  # type: ignore[index]
        print(f"- {labels} got {got}\n    {text}")


if __name__ == "__main__":
    main()
