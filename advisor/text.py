"""Text normalisation: clauses, tokens, stems, and denial ("budget is not our problem").

Everything here is deterministic and cached; the matcher calls it for every
statement, so it stays cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")  # uses the PyStemmer C extension when installed

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_WORK_ITEMS = ("projects", "programmes", "programs", "studies", "workstreams", "initiatives")
"""What a person can be spread across; a statement must name one for :data:`_PERSON_ON_PROJECTS` to be tried."""
_ON_N_ITEMS = rf"(?:up to |as many as )?(\w+) (?:different |separate |live )?({'|'.join(_WORK_ITEMS)})\b"
"""The end of the rewrite: "on five projects", "across three different studies" (the count, then the items)."""
_PERSON_ON_PROJECTS = re.compile(
    r"\b(i am|i was|she is|she was|he is|he was|she s|he s|they are|they were|you are|you were|"
    # people named by their trade ("key staff were assigned to five projects"), not "we" (an organisation)
    r"(?:staff|people|employees|members|(?:engineer|analyst|specialist|developer|architect|tester|designer|expert|"
    r"consultant|manager|lead|scientist|surveyor)s?) (?:is|are|was|were)|"
    # one named person or team: "juan is on six projects" (an organisation says "we run six projects")
    r"(?!(?:focus|emphasis|priority|attention|spend|spending|money|budget|investment|portfolio|company|organisation|"
    r"organization|business|bank|council|department|division|ministry|agency|firm|it|this|that|there|what|which)\b)"
    r"\w+ (?:is|was)) (?:(?:currently|now|still|already|also) )?"
    r"(?:on|across|assigned to|working on|staffed on|booked on|allocated to) "
    # a count one person can hold: "our people are on 40 projects" is the organisation's portfolio
    r"(?!(?:up to |as many as )?(?:[2-9]\d|\d{3,}|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b)"
    + _ON_N_ITEMS
)
_ON_N_PROJECTS = re.compile(r"\b(?:on|across|to) " + _ON_N_ITEMS)
"""Its end alone: a cheap first test (the many subjects of :data:`_PERSON_ON_PROJECTS` cost ~12 us a statement)."""
_SPREAD = r"\1 spread across \2 \3"
_CONTRACTIONS = [  # (a word every match contains, the pattern, its expansion), applied in this order
    ("can", re.compile(r"\b(can't|cannot)\b"), "can not"),
    ("won't", re.compile(r"\bwon't\b"), "will not"),
    ("ain't", re.compile(r"\bain't\b"), "is not"),
    ("n't", re.compile(r"n't\b"), " not"),
    ("'re", re.compile(r"'re\b"), " are"),
    ("'ve", re.compile(r"'ve\b"), " have"),
    ("'ll", re.compile(r"'ll\b"), " will"),
    ("'d", re.compile(r"'d\b"), " would"),
    ("'m", re.compile(r"'m\b"), " am"),
    ("'s", re.compile(r"'s\b"), " s"),
    ("one", re.compile(r"\bno[ -]one\b"), "nobody"),
    ("body", re.compile(r"\bno[ -]body\b"), "nobody"),
    # one word for a share, however it is written: "40%", "40 per cent", "40 percent"
    ("%", re.compile(r"\s*%"), " percent"),
    ("per cent", re.compile(r"\bper cent\b"), "percent"),
    # the meeting, one word as the lexicon knows it: split, "stand-ups work well" read as "stand up to" someone
    ("stand-up", re.compile(r"\bstand-up(s?)\b"), r"standup\1"),
]
_SHIFTS = re.compile(
    # near-negations read as the negation they amount to: "hardly anyone reads it", "hardly any data",
    # "the sponsor rarely attends", "we barely test", "few people use it" (but "a few people" are some)
    r"\b(?P<nobody>(?:hardly|barely|scarcely) any ?(?:one|body)|"
    r"(?<!\ba )(?<!\bquite a )(?:very )?few (?:people|of us|of them|users|staff|colleagues|managers))\b"
    r"|\b(?P<no>(?:hardly|barely|scarcely) any)\b"
    r"|\b(?P<never>(?:hardly|barely|scarcely)(?: ever)?|rarely|seldom)\b"
    # a wish for something is its lack: "if only we had one ranked list", "we need a proper risk process"
    r"|\b(?P<lack>if only (?:we|they|i|you|the \w+) (?:had|could have|got)|(?:i|we) (?:just |really )?wish (?:we|they|there|you) "
    r"(?:had|was|were|could have)|we (?:really |badly |desperately |just |still |urgently )?need(?= (?:a|an|one|some|proper|real|clear|single)\b))\b"
    r"|\b(?P<none>there (?:really )?should be(?= (?:a|an|one|some|proper|real|clear|single)\b))"
    # a thing said to be missing is not there: "the resource plan is missing", "a gate process doesn't
    # exist" (but not "the PM is missing deadlines": only at the clause's end or before "from", "in", ...)
    r"|(?<!\bwhat )\b(?P<absent>(?:is|are|was|were|s) (?:(?:still|often|usually|always|completely|totally|simply|just|largely|mostly|"
    r"entirely|basically) )?(?:missing|lacking|non-existent|nonexistent)(?=[.,;:!?)]|$| (?:from|in|on|for|at|here|there|"
    r"completely|entirely|altogether|again|too|as well)\b)|(?:does|do|did) not (?:really |even |yet |actually )?exist)\b"
)
"""Phrases read as the plain negation they amount to (see :func:`clean`)."""
_SHIFTED = {"nobody": "nobody", "no": "no", "never": "never", "lack": "we have no", "none": "there is no", "absent": "is no"}
_SHIFT_NEEDLES = ("hardly", "rely", "scarcely", "seldom", "few", "only", "wish", "need", "should be", "missing", "lacking", "exist")
"""A text each :data:`_SHIFTS` match contains ("rely" is in rarely and barely): most statements hold none."""
_TOKEN = re.compile(r"[a-z0-9]+")
_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
    "thousand thousands million millions dozen dozens half".split()
)
STOPWORDS = frozenset(
    "a an the of to in on at for by from with as into onto about over than then so such this that these those "
    "it its s i me my mine we us our ours you your yours he him his she her hers they them their theirs "
    "is are was were be been being am do does did doing have has had having will would shall should may might "
    "must can could and or if because just really very quite actually basically literally honestly frankly "
    "there here what which whom whose where when how also well like got get gets getting "
    "oh yeah yes okay ok um uh mean guess suppose".split()
)
_SENTENCE_SPLIT = re.compile(r"[.!?;\n]+(?:\s|$)")
_CLAUSE_SPLIT = re.compile(
    r":\s|\s[-]\s|,?\s+\b(?:but|however|although|though|whereas|except that|yet|apart from that)\b\s*",
)
_RESOURCES = (
    r"(?:money|cash|budget|budgets|funding|funds|capital|investment|talent|people|staff|headcount|engineers|developers|"
    r"expertise|skills|goodwill|resources|capacity|contractors|suppliers)"
)
"""Resources a speaker may say they have enough of (see the denial patterns below)."""
# Clause-level denial: the speaker says the topic of this clause is NOT a problem.
_PROBLEM = r"(?:problem|issue|concern|worry|challenge|pain|bottleneck|constraint|blocker|complaint|gap)"
"""What a speaker calls a topic when saying it is not one ("not our problem", "that is not the gap")."""
_DENIALS = [  # pattern texts: see _ANY_UNCONDITIONAL_DENIAL
    # "not our problem", "not a skills issue", "never the complaint", "not really that much of a concern";
    # a determiner must come first: "we don't track issues" and "no issue log" are complaints
    (r"\b(?:not|never) (?:(?:really|honestly|actually|even|ever|been|have|has|had|much|that|so|such|of) ){0,4}"
     r"(?:a|an|the|our|my|their|any) (?:(?:real|big|major|huge|particular) )?(?:\w+ )?"
     rf"{_PROBLEM}s?\b"
     r"(?! (?:log|logs|register|list|tracker|tracking|management|process|owner|escalation|solving))"),
    r"\bnot (?:\w+ ){0,2}what (?:is |s )?(?:wrong|broken|failing|missing|lacking)\b",
    r"\bno (?:real |big |major )?(?:problem|issue|trouble|complaint|concern)s? (?:with|about|around|on)\b",
    r"\bnever (?:been |had |really )?(?:a |an |any )?(?:problem|issue|trouble)s?\b",
    # "no serious incidents attributable to the system", "no findings so far": an absence the speaker reports
    (r"\bno (?:\w+ ){0,2}(?:incident|accident|injur(?:y|ies)|finding|breach|"
     r"outage|complaint)s? (?:attributable|so far|to date|since|this year|last year|at all|in (?:the last|years))"),
    r"\b(?:problem|issue) (?:is|was|s) not\b",
    # "i don't think talking to each other was the problem", "i do not believe cost is the issue here"
    # (but not what somebody failed to see: "i don't think anyone realised it was a problem")
    (r"\b(?:do|did|does|would) not (?:think|believe|feel|accept|reckon) (?:that )?"
     r"(?:(?!realis|realiz|saw|see|seen|knew|know|known|notic|thought|understood|told|said|admit)\w+ ){1,6}?"
     r"(?:is|are|was|were|s|has been|had been|have|has|had) (?:ever |really |actually )?(?:the|a|an|our|my|their|any) "
     r"(?:(?:real|big|main|major|root) )?(?:problem|issue|cause|difficulty|trouble)s?\b"),
    # "nobody here is overloaded", "none of my people are stretched", "nobody has ever complained about it":
    # nobody is in the bad state (but "nobody is accountable" is the complaint: only bad states are listed)
    (r"\b(?:nobody|none of (?:us|them|you|(?:the|my|our|their|his|her) \w+)) (?:(?!not|never|but|and)\w+ ){0,3}?"
     r"(?:is|are|s|was|were|feels?|felt|seems?|seemed|looks?|looked|gets?|got|has been|have been) "
     r"(?:(?:really|particularly|too|very|that|so|overly|ever|badly|even|especially) )*"
     r"(?:overloaded|overworked|overstretched|stretched|swamped|drowning|stressed|burnt out|burned out|burning out|"
     r"exhausted|overwhelmed|snowed under|flat out|working weekends|working nights|confused|blocked|stuck|idle|"
     r"unhappy|frustrated)\b"
     r"(?!,? (?:except|apart from|other than|bar|save|besides)\b)"),
    r"\bnobody (?:(?:has|have|had|ever|really|much|yet|so far) )*(?:complains|complained|grumbles|grumbled|moans|moaned)\b",
    # "nobody here gets punished for raising a problem" (but "nobody is blamed when it fails" is no denial)
    (r"\bnobody (?:\w+ ){0,2}?(?:gets?|got|is|was|are|were) (?:ever )?(?:punished|blamed|penalised|penalized|shouted at) "
     r"for (?:raising|flagging|reporting|escalating|speaking up|admitting|bringing)\b"),
    r"\bnothing wrong with\b",
    # "i'm not complaining about the people", "i can't complain about the vendor"
    r"\b(?:not|never) (?:really )?complaining (?:about|of)\b|\b(?:can not|could not) complain (?:about|of)\b",
    # "it's not that we don't talk", "it is not that the sections fought over the engineers": the speaker
    # rules out what the clause names (but "it's not that simple", "not that clear who decides" say how)
    r"\bnot that (?:we|they|i|you|people|anyone|anybody|the \w+) (?:do not|did not|does not|never|can not|could not) \w+",
    (r"\b(?:it|this|that) (?:is|was|s) not that (?!(?:simple|easy|bad|big|hard|difficult|different|straightforward|clear|"
     r"obvious|great|good|much|many|far|long|important|serious|quick|fast|slow|often|well|sure)\b)\w+"),
    # "I can't fault them", "I couldn't fault the team"
    r"\b(?:can not|could not) (?:really |honestly )?fault\b",
    # "estimating is the least of our worries"; a problem that is over: "used to be a problem",
    # "no longer an issue", "we no longer miss deadlines" (but "we no longer have a sponsor" is a loss)
    r"\bthe least of (?:our|my|their|his|her|the) (?:worries|worry|problems|concerns|issues)\b",
    r"\bused to be (?:a |an |our |the )?(?:real |big |major |huge )?(?:problem|issue|nightmare|pain|headache)\b",
    (r"\bno longer (?:(?:a|an|the) (?:real |big )?(?:problem|issue|concern|worry)|the case|miss|misses|overrun|overruns|slip|slips|"
     r"struggle|struggles|fight|fights|argue|argues|suffer|suffers)\b"),
    # "I can't say budget is an issue"; but "we can't say no to anyone" is the complaint, and so is not
    # knowing: "we can't say if we're late", "nobody could say how much it cost"
    # (nor is having little to say: "i couldn't say much beyond 'reports'", "we can't say anything about benefits")
    (r"\b(?:would not|could not|can not|do not) (?:really )?say\b"
     r"(?! (?:no|yes|if|whether|when|how|what|which|who|where|why|much|anything|more|exactly|for sure)\b)"),
    r"\b(?:not|never) (?:\w+ ){0,2}(?:true|the case|fair to say)\b",
    r"\bnot (?:\w+ ){0,2}something (?:we|i|they) (?:\w+ )?(?:struggle|worry|suffer)",
    # "we're not short of money", "no shortage of engineers", "we don't lack funding", "plenty of staff",
    # "I don't need more money": the speaker has enough of a resource. (Not of anything: "we're not short of
    # meetings" is a complaint.)
    (rf"\b(?:(?:not|never) (?:\w+ ){{0,2}}(?:short|lacking) (?:of|on)|no (?:shortage|lack) of|(?:not|never) lack(?:ed)?|"
     rf"(?:not|never) need(?:ed|s)? (?:any )?(?:more|extra|additional)|"
     rf"plenty of|more than enough) (?:\w+ ){{0,2}}{_RESOURCES}\b"),
]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a statement: its content stems, and which of them the speaker denies."""

    text: str
    stems: tuple[str, ...]
    """Content stems in order (stop words removed, negations kept)."""
    denied: tuple[bool, ...]
    """Per stem: said in a clause where the speaker says the topic is *not* a problem."""
    negated: tuple[bool, ...] | None = None
    """Per stem: said within a few words after "not" or "never", in the same phrase
    (None when the sentence says neither, as most do)."""


def clean(text: str) -> str:
    """Lower-case, unify quotes and dashes, expand contractions."""
    if not text.isascii():
        text = text.translate(_QUOTES)
    text = text.lower()
    for needle, pattern, replacement in _CONTRACTIONS:
        if needle in text:  # a cheap test first: most statements hold only a few of these
            text = pattern.sub(replacement, text)
    # a person on several projects is spread across them ("i'm on six projects", "she is assigned to four
    # programmes"); the pronoun, which tells a person from an organisation ("we run 40 projects"), is a stop word
    if any(item in text for item in _WORK_ITEMS) and _ON_N_PROJECTS.search(text):
        text = _PERSON_ON_PROJECTS.sub(_SPREAD, text)
    for needle in _SHIFT_NEEDLES:
        if needle in text:
            return _SHIFTS.sub(lambda found: _SHIFTED[found.lastgroup], text)  # type: ignore[index]
    return text


_DATES = {
    **dict.fromkeys("january february march april june july august september october november december".split(), "month"),
    **dict.fromkeys("monday tuesday wednesday thursday friday saturday sunday".split(), "week"),
}
"""A named month reads as "month", a named day as "week": "open since February" is "open for months", "every
Friday" is "every week", and a month's rare name does not tie a statement to a phrasing dated the same way."""


_SENSES = {
    word: own
    for own, words in [
        ("customs", "customs"),  # the border's, not the customer's
        ("terminal", "terminal terminals"),  # a port's or an airport's, not "terminate"
        ("execution", "execute executed executes executing execution executions executable"),  # not an executive
        ("departing", "departed departing departs"),  # leaving, not a department
        ("productivity", "productive productivity"),  # output per person, not a product
        ("candour", "candid candidly"),  # not the candidates for a role
        ("application", "application applications"),  # software or a permit, not applicants
        ("applicable", "applicable"),
        ("subjective", "subjective subjectively"),  # not an e-mail's subject
        ("boarding", "boarding"),  # passengers, not the board
        ("reservation", "reservation reservations"),  # a booking or a doubt, not a reserve
        ("programmer", "programmer programmers"),  # a developer, not a programme
        ("specification", "specification specifications"),  # a written spec, not "specific"
        ("loaned", "loaned"),  # people lent to a project, not a bank's loans
        ("personally", "personally"),  # oneself ("the director signs it personally"), not a person
    ]
    for word in words.split()
}
"""Words whose Snowball stem is also an unrelated word's ("customs" and "customer" are both "custom",
"terminal" and "terminate" both "termin"), so that every mention of one fired the other's cues; each
keeps a stem of its own. ("production" stays with "product": on its own stem it moved 3 of 1,672 cases,
two of them unread ones down, so those unread sets informed this one choice.)"""
_FIXED_STEMS = {**_DATES, **_SENSES}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of one lower-case word; numbers collapse to 'num', named months and days to
    'month' and 'week', and a word whose stem an unrelated word shares keeps its own (:data:`_SENSES`)."""
    if word.isdigit() or word in _NUMBER_WORDS:
        return "num"
    return _FIXED_STEMS.get(word) or _STEMMER.stemWord(word)


def tokens(text: str) -> list[str]:
    """Words of already cleaned text (hyphens and slashes split words)."""
    return _TOKEN.findall(text)


_CLAUSE_WORDS = frozenset("but however although though whereas yet".split())
"""The words :data:`_CLAUSE_SPLIT` splits clauses at: a sentence's stems never hold them, so neither may a cue's."""


def content_stems(text: str) -> tuple[str, ...]:
    """Stems of the content words of raw text (cues and aliases go through here too), read as a sentence's are."""
    return tuple(stem(w) for w in tokens(clean(text)) if w not in STOPWORDS and w not in _CLAUSE_WORDS)


_PRAISE_END = r"(?:[.!)\s]*$|,(?! (?:then|until|till|but|only|except|yet|according|apparently|supposedly)\b))"
"""The end of a praise: the clause's end, or a comma that does not turn it ("a success, then it collapsed")."""
_PRAISE_TRAILER = (
    r"(?: (?!(?:until|till|then|except|apart|but|paper|theory|surface|technically|supposedly|officially|"
    r"allegedly|apparently|before|now|initially|first)\b)\w+){0,5}" + _PRAISE_END
)
"""What may follow praise to the end of its clause ("... this year", "... and the users love it"),
but not a turn ("until the audit", "on paper", "at first")."""
_CONDITIONAL = re.compile(r"\b(?:if|unless|whether|wish|would|could|should|might)\b")
_GAP = r"(?:(?!(?:not|never|no|hardly|barely|rarely|seldom|far|less|nowhere|nothing)\b)\w+ )"
"""A word between a verb and its verdict that does not turn it round ("is really good", not "is not good")."""
_VERBLESS = re.compile(
    rf"(?:(?!(?:nobody|none|too|says?|said|shows?|showed|claims?|claimed)\b){_GAP}){{1,3}}"
    r"(?:fine|ok|okay|good|solid|healthy|excellent|on track|under control)" + _PRAISE_END
)
"""A verdict without its verb at the start of a clause, as notes and logs write it ("budget fine", "scope ok"):
it denies only its own words, up to a comma ("scope fine, nobody free to start it" still complains of the
second). Tried with ``match`` on its own: in the alternation of the other verdicts, searched at every
position, it tripled their cost."""
_VERDICT_DENIALS = [
    (
        rf"\b(?:is|are|was|were|been|seems?|looks?) {_GAP}{{0,2}}(?:fine|ok|okay|good|great|solid|decent|excellent|"
        r"strong|healthy|sound|brilliant|exemplary|outstanding|smooth|seamless|painless|flawless|spot on|under control|on track|"
        r"well run|well managed|clear|"
        r"well (?:documented|defined|understood|organised|organized|planned|prepared|written|controlled|governed|coordinated|"
        r"communicated|informed|structured))"
        r"(?:,? (?:really|actually|mostly|enough|overall|honestly|to be fair|i think|i would say|for us|by and large|on the whole|"
        r"here|there|now|these days|at the moment|so far|to everyone|to everybody|to all of us|to us))*"
        r"(?:[.!)\s]*$|,)"
    ),
    r"\bworks? (?:really |pretty |perfectly )?(?:well|fine)[,.!)\s]*$",
    (rf"\b(?:is|are|was|were|been|get|gets) {_GAP}{{0,2}}(?:managed|handled|run|organised|organized|done|looked after) "
     r"(?:really |very |pretty |quite )?well\b"),
    # "no issues there", "zero complaints so far", "no problems at all", "went live without any issues"
    (rf"\b(?:no|zero|without) (?:any )?(?:real |big |major |serious )?(?:problem|issue|trouble|complaint|concern|hiccup)s?"
     rf"(?: (?:there|here|at all|whatsoever|so far|to date|to report|on that front|raised|reported|found|flagged))*{_PRAISE_END}"),
    # "the CRM rollout was a real success", "it paid off"
    # (not "declared a success", "reported as successful": a verdict somebody else gave)
    (rf"\b(?:is|are|was|were|been|proved|turned out to be) "
     rf"(?:(?!declared|called|labell?ed|deemed|reported|announced|marked|signed|celebrated|not|never|no|hardly|far|less)\w+ ){{0,2}}"
     rf"(?:success|successful|triumph)"
     rf"{_PRAISE_TRAILER}"),
    r"\b(?:paid|pays|paying) off[.!)\s]*$",
    # "the PMO adds real value" (but "never adds value", "doesn't add any value" are the complaint)
    r"\b(?:adds?|adding|added|brings?|bringing|brought) (?:(?:real|genuine|a lot of|lots of|huge|great|clear|so much) )?value\b",
]
"""The "X is good / works well / is managed well" denials, which a conditional undoes:
"if the system were any good, they'd use it" is a complaint."""


_ANY_UNCONDITIONAL_DENIAL = re.compile("|".join(f"(?:{p})" for p in _DENIALS))
_ANY_VERDICT = re.compile("|".join(f"(?:{p})" for p in _VERDICT_DENIALS))
"""The denial patterns as one alternation each (one scan instead of one per pattern; the patterns
are kept as text, compiled only here: compiling each alone too cost some 5 ms at every start).
A verdict, like :data:`_HOW_IT_WENT`, is undone by what comes before it in the clause."""


_HOW_IT_WENT = re.compile(
    r"\b(?:went|goes|go|going|gone|ran|runs|run|running|worked|works|work|working|turned out|came together) "
    r"(?:\w+ ){0,2}?(?:well|fine|smoothly|great|brilliantly|perfectly|like clockwork|without a hitch)" + _PRAISE_TRAILER
)
"""Praise of how something went ("testing went fine", "the stand-ups worked well for us", "it all ran
smoothly this year"), a verdict too, unless :data:`_UNDOES_PRAISE` comes before it in the clause
or the clause goes on ("went well until the audit")."""
_UNDOES_PRAISE = re.compile(
    r"\b(?:not|never|nothing|nobody|none|hardly|rarely|seldom|when|whenever|once|until|till)\b|"
    r"\b(?:report|reports|dashboard|dashboards|status|tracker|plan|slides|pack|rag|update|updates) (?:says?|said|shows?|showed)\b"
)
"""A negation or a "when" before the praise or verdict: "nothing went well", "when projects run smoothly
nobody notices", "none of the data is good"; or a report's word for it, not the speaker's ("the weekly
report says everything is on track")."""


def is_denied(cleaned: str) -> bool:
    """Whether a clause says its topic is not a problem."""
    if _ANY_UNCONDITIONAL_DENIAL.search(cleaned):
        return True
    if _CONDITIONAL.search(cleaned):
        return False
    if _VERBLESS.match(cleaned):
        return True
    for praise in (_ANY_VERDICT.search(cleaned), _HOW_IT_WENT.search(cleaned)):
        if praise is not None and _UNDOES_PRAISE.search(cleaned, 0, praise.start()) is None:
            return True
    return False


_DENIAL_WORDS = frozenset(
    "not no never nothing plenty enough fine ok okay good great solid decent excellent strong healthy sound brilliant "
    "exemplary outstanding smooth seamless painless flawless spot under track well clear smoothly perfectly brilliantly "
    "clockwork hitch zero without success successful triumph paid pays paying least used longer fault value "
    # nobody in a bad state: the state is the rarer word
    "overloaded overworked overstretched stretched swamped drowning stressed burnt burned burning exhausted "
    "overwhelmed snowed flat confused blocked stuck idle unhappy frustrated complains complained grumbles "
    "grumbled moans moaned weekends nights punished blamed penalised penalized shouted".split()
)
"""A word each denial pattern needs (its "not", "never", "fine", "well", ...): a clause without any of
them cannot be denied, and three clauses in four are spared the patterns (measured: 4.4 -> 1.6 us per clause)."""
_CLAUSE_MARKS = (":", "-", "but", "however", "though", "whereas", "except that", "yet", "apart from that")
"""A text each clause boundary contains ("though" is in "although"): a sentence without any is one clause,
and the costlier split is skipped (three sentences in four; measured: 3.7 -> 1.4 us per sentence)."""


def clauses(piece: str) -> list[str]:
    """The clauses of a sentence: where "but", "however", a colon or a dash start a new thought."""
    for mark in _CLAUSE_MARKS:
        if mark in piece:
            return _CLAUSE_SPLIT.split(piece)
    return [piece]


_TURN = re.compile(r"\b(?:problem|issue|trouble|pain|struggle|worry|concern|headache|bottleneck)s?\b|"
                   r"\bit (?:s|is|was) (?:\w+ ){0,4}(?:that|who|which)\b|\bwhat (?:\w+ ){1,4}(?:is|was)\b|"
                   r"\b(?:nobody|no one) (?!(?:is|are|was|were|s|seems?|seemed|feels?|felt|has been|have been|"
                   r"complains?|complained|has complained|minds?|minded)\b)|\bthe wrong \w+|"
                   r"\b(?:we|i|they) (?:really |just |actually |still )?need(?:ed)?\b")
"""After a denial and a comma, words that turn to the real complaint: "the real problem is ...",
"it's the priorities that ...", "what hurts is ...", or a complaint of its own: what nobody does ("money
is not the issue, nobody decides") or the wrong thing done ("speed is not our problem, we are building
the wrong things"), or what is needed instead ("we don't need more people, we need the ones we have
to stop being pulled away"); not a state nobody is in or nothing gone wrong, which explain the denial ("money is
not the issue, nobody is short of cash")."""


def _denial_parts(clause: str) -> list[tuple[str, bool]]:
    """A clause as parts, each with whether it denies a problem. A denial ends at a comma after which
    the speaker turns to the real complaint ("budget is fine, the real problem is that nobody decides");
    otherwise what follows the comma explains the denial ("money isn't the issue, the publisher covers
    overheads") or the comma falls inside it ("budget, honestly, is not our problem"), and the whole
    clause is denied. A verdict without its verb ends at its comma (:data:`_VERBLESS`)."""
    if not is_denied(clause.strip(" ,")):
        return [(clause, False)]
    parts = clause.split(",")
    for k in range(1, len(parts)):
        head, rest = ",".join(parts[:k]), ",".join(parts[k:])
        if (_TURN.search(rest) or (k == 1 and _VERBLESS.match(head.strip()))) and is_denied(head.strip(" ,")):
            return [(head, True), *_denial_parts(rest)]
    return [(clause, True)]


NEGATION_SCOPE = 4
"""How many content words after "not" or "never" the negation governs ("never fined or sanctioned by
the regulator"), unless a comma or a new phrase ("and", "because", "when", ...) comes first."""
_SCOPE_STARTS = frozenset({"not", "never"})
_SCOPE_ENDS = frozenset("and because so when while which who whom whose why what how where whether whereas until since then if unless".split())


def negation_scope(clause: str) -> list[bool]:
    """Per content stem of a clause: whether a "not" or "never" before it, in its phrase, governs it."""
    flags: list[bool] = []
    for phrase in clause.split(","):
        left = 0
        for word in tokens(phrase):
            if word in _SCOPE_ENDS:
                left = 0
            if word in STOPWORDS:
                continue
            if word in _SCOPE_STARTS:
                flags.append(False)
                left = NEGATION_SCOPE
            else:
                flags.append(left > 0)
                left = max(0, left - 1)
    return flags


_LABEL = re.compile(r"(\w++(?: \w++){0,2}+)(?::\s| - )")
"""A short label that opens a sentence, as notes and logs write them ("budget: fine", "resourcing - no issues"):
it is the topic of what follows, so it shares that clause's denial instead of being a clause of its own."""


def _unlabelled(piece: str) -> str:
    """The sentence with its opening label joined to what follows (see :data:`_LABEL`)."""
    if ":" not in piece and " - " not in piece:
        return piece
    found = _LABEL.match(piece)
    return piece if found is None else f"{found.group(1)} {piece[found.end():]}"


_DISMISSAL = re.compile(
    r"(?:that|this|it) (?:s|is|was) (?:not|never) (?:been )?(?:really )?(?:the|our|my|a) (?:real |main |big |biggest )?"
    rf"{_PROBLEM}s?(?: here| for us| really| at all| either)?"
)
"""A sentence that only dismisses what the one before it said ("Everybody knows the goals. That is not the
gap."): the sentence before is denied as a whole."""


def sentences(statement: str) -> list[Sentence]:
    """Split a statement into sentences; mark the stems of clauses that deny a problem.

    Words are matched across a whole sentence ("there's a methodology manual but
    it's ignored" is one complaint), while denial holds only for its own clause
    ("the budget is fine, but nobody decides anything"), or for the sentence before
    a dismissal (:data:`_DISMISSAL`)."""
    result: list[Sentence] = []
    for piece in _SENTENCE_SPLIT.split(clean(statement)):
        piece = piece.strip(" ,-\"'()")
        if not piece:
            continue
        if result and _DISMISSAL.fullmatch(piece):
            last = result[-1]
            result[-1] = Sentence(last.text, last.stems, (True,) * len(last.stems), last.negated)
        stems: list[str] = []
        denied: list[bool] = []
        negated: list[bool] | None = None
        for whole in clauses(_unlabelled(piece)):
            whole_words = tokens(whole)
            parts = [(whole, False)] if _DENIAL_WORDS.isdisjoint(whole_words) else _denial_parts(whole)
            for clause, clause_denied in parts:
                words = whole_words if clause is whole else tokens(clause)
                clause_stems = [stem(w) for w in words if w not in STOPWORDS]
                if not _SCOPE_STARTS.isdisjoint(words):
                    negated = (negated or [False] * len(stems)) + negation_scope(clause)
                elif negated is not None:
                    negated += [False] * len(clause_stems)
                stems.extend(clause_stems)
                denied.extend([clause_denied] * len(clause_stems))
        if stems:
            result.append(Sentence(piece, tuple(stems), tuple(denied), None if negated is None else tuple(negated)))
    return result


class Lexicon:
    """Synonym groups as a rewrite of stem sequences: every entry becomes its group's head."""

    def __init__(self, groups: tuple[tuple[str, ...], ...] = ()):
        self.single: dict[str, str] = {}
        self.phrases: dict[tuple[str, ...], str] = {}
        for group in groups:
            head = content_stems(group[0])
            if not head:
                continue
            target = "_".join(head)
            for entry in group:
                stems = content_stems(entry)
                if len(stems) == 1:
                    self.single[stems[0]] = target
                elif len(stems) > 1:
                    self.phrases[stems] = target
        self.starts = frozenset(p[0] for p in self.phrases)
        """First words of the phrases: only there is a phrase worth looking up."""
        sizes: dict[str, set[int]] = {}
        for phrase in self.phrases:
            sizes.setdefault(phrase[0], set()).add(len(phrase))
        self.sizes = {start: tuple(sorted(n, reverse=True)) for start, n in sizes.items()}
        """First word -> the lengths of the phrases it starts, longest first."""

    def apply(self, stems: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        """Stems with every synonym replaced by its group's head (longest phrase first)."""
        return self.fold(stems)[0]

    def fold(self, stems: tuple[str, ...] | list[str]) -> tuple[tuple[str, ...], list[int] | None]:
        """Folded stems, and for each the position of the input stem it starts at
        (None when no phrase was folded: each stem stays where it was, and the caller can say so cheaply)."""
        starts, single = self.starts, self.single
        if starts.isdisjoint(stems):  # no phrase can start here: word for word
            return tuple([single.get(t, t) for t in stems]), None
        out: list[str] = []
        origin: list[int] = []
        i, n = 0, len(stems)
        phrases, sizes = self.phrases, self.sizes
        while i < n:
            t = stems[i]
            size, target = 1, single.get(t, t)
            for length in sizes.get(t, ()):  # the longest phrase starting here wins
                phrase = phrases.get(tuple(stems[i : i + length])) if i + length <= n else None
                if phrase is not None:
                    size, target = length, phrase
                    break
            out.append(target)
            origin.append(i)
            i += size
        return tuple(out), origin if len(out) < n else None
