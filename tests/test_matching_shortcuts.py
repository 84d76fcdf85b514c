"""The listening shortcuts give the results of the plain computations they skip."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor import text
from advisor.text import _CLAUSE_SPLIT, _DENIAL_WORDS, clauses, is_denied, tokens

WORDS = [
    # the words of the denial and clause patterns, and some others, so that random text hits them
    "not", "no", "never", "nothing", "wrong", "with", "fine", "ok", "okay", "good", "great", "solid", "spot",
    "on", "under", "control", "track", "well", "run", "managed", "works", "work", "is", "are", "was", "been",
    "seems", "looks", "problem", "problems", "issue", "s", "a", "real", "the", "budget", "really", "honestly",
    "if", "would", "could", "do", "say", "true", "case", "fair", "to", "something", "we", "struggle", "but",
    "however", "although", "though", "whereas", "except", "that", "yet", "apart", "from", "team", "goods",
    "knowing", "notable", "wellbeing", "short", "of", "plenty", "lack", "shortage", "more", "than", "enough",
    "money", "staff", "our", "constraint", "what", "broken",
]
GLUE = [" ", " ", " ", ", ", ". ", ": ", " - ", "-", "!", " (", ") ", "'", "\u00e9"]


@st.composite
def clause_text(draw) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=10))
    glue = draw(st.lists(st.sampled_from(GLUE), min_size=len(words), max_size=len(words)))
    return "".join(w + g for w, g in zip(words, glue)).strip()


@settings(max_examples=1000, deadline=None)
@given(clause_text())
def test_a_clause_without_a_denial_word_is_never_denied(clause):
    if _DENIAL_WORDS.isdisjoint(tokens(clause)):
        assert not is_denied(clause.strip(" ,"))


@settings(max_examples=1000, deadline=None)
@given(clause_text())
def test_clauses_are_those_of_the_pattern(piece):
    assert clauses(piece) == _CLAUSE_SPLIT.split(piece)


def test_every_denial_pattern_names_a_denial_word():
    examples = [
        "budget is not really our problem", "no real issues with the vendor", "the tooling is fine",
        "it works pretty well", "scope gets managed really well", "never been a problem", "the issue is not",
        "nothing wrong with the plan", "i would not say so", "that is not the case",
        "not really something we struggle with", "reporting is spot on", "delivery is on track",
        "we are not short of money", "no shortage of engineers", "we do not lack funding", "plenty of staff",
        "more than enough budget", "money is not the constraint", "the software is not what is wrong",
        # praise (advisor.text._HOW_IT_WENT and the praise verdicts)
        "testing went fine", "the cutover went like clockwork", "it ran without a hitch", "it all ran smoothly",
        "zero complaints so far", "no issues there", "the rollout was a real success", "the pilot proved a triumph",
        "in the end it paid off",
        # declining to blame, ruling out, the handover that was smooth, nobody punished for speaking up
        "i do not think talking was the problem", "i am not complaining about the people", "it is not that we do not talk", "it was not that the money ran out",
        "the handover was smooth", "nobody is working weekends", "nobody gets punished for raising a problem",
        "no issues raised",
    ]
    for example in examples:
        assert is_denied(example), example
        assert not _DENIAL_WORDS.isdisjoint(tokens(example)), example
    assert text.sentences("The budget is fine, but nobody decides anything")[0].denied[0] is True


STATEMENTS = [
    "Nobody owns the risk register. The budget is fine, but nobody decides anything. We don't have a resource plan.",
    "Testing never gets cut. Every director says their project is number one; the ranking changes every month.",
    "I don't know what the PMO does. Reports go up every Friday and nobody reads them! Nobody reads them.",
    "Budget is honestly not our problem. Scope creep is. Scope creep again: the scope keeps creeping.",
]


def test_a_statement_keeps_each_symptoms_strongest_sentence(advisor):
    matcher = advisor.matcher
    for statement in STATEMENTS:
        best = {}
        for sentence in text.sentences(statement):
            for m in matcher.match_sentence(sentence):
                kept = best.get(m.symptom)
                if kept is None or (m.present, m.score) > (kept.present, kept.score):
                    best[m.symptom] = m
        assert matcher.match_statement(statement) == sorted(best.values(), key=lambda m: (-m.score, m.symptom))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["project", "manag", "offic", "not", "clear", "team", "lead", "num", "x"]), max_size=8))
def test_fold_says_none_only_when_every_stem_stays(advisor, stems):
    folded, origin = advisor.matcher.lexicon.fold(stems)
    if origin is None:
        assert len(folded) == len(stems)
    else:
        assert len(folded) == len(origin) < len(stems) and origin == sorted(origin)
