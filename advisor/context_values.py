"""Context values as people write them: "mid-size", "1,200 employees", "about 40", "level 2", "18 months".

A survey export or a consultant's notes rarely use the schema's exact words. Each reader
takes the exact value, or a common way of saying it, and returns the schema's value;
anything else raises ``ValueError`` with the forms it accepts, which the case reader
reports with the file, the line and the key.
"""

from __future__ import annotations

import re
from typing import Any

SIZES = ("micro", "small", "medium", "large", "enterprise")
SIZE_WORDS: dict[str, str] = {
    "tiny": "micro",
    "very small": "micro",
    "micro enterprise": "micro",
    "microenterprise": "micro",
    "startup": "small",
    "start up": "small",
    "scale up": "medium",
    "scaleup": "medium",
    "mid": "medium",
    "midsize": "medium",
    "mid size": "medium",
    "mid market": "medium",
    "midmarket": "medium",
    "big": "large",
    "corporate": "large",
    "corporation": "large",
    "very large": "enterprise",
    "global": "enterprise",
    "multinational": "enterprise",
    "conglomerate": "enterprise",
}
"""Everyday words for an organisation's size (after lower-casing, with hyphens as spaces and
"-sized", "company", "organisation" ... dropped)."""
_SIZE_FILLER = re.compile(r"\b(?:sized?|organi[sz]ations?|company|companies|firm|business|group|org)\b")
HEADCOUNT_LIMITS = ((10, "micro"), (50, "small"), (250, "medium"), (10_000, "large"))
"""Head count -> size: the EU's SME classes (under 10, 50 and 250 people); from 10,000 people an enterprise."""
MATURITY_WORDS: dict[str, int] = {
    "ad hoc": 1,
    "initial": 1,
    "repeatable": 2,
    "managed": 2,
    "defined": 3,
    "quantitatively managed": 4,
    "measured": 4,
    "optimizing": 5,
    "optimising": 5,
    "optimized": 5,
    "optimised": 5,
}
"""The level names of CMMI-style maturity models."""
_MATURITY_WORDS_LONGEST_FIRST = sorted(MATURITY_WORDS.items(), key=lambda item: -len(item[0]))
"""Read longest first: "quantitatively managed" is level 4, not "managed"."""
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_RANGE = re.compile(r"(\d[\d,]*)\s*(?:-|–|to)\s*(\d[\d,]*)")
_LEVEL = re.compile(r"^(?:level|lvl|l)?\s*(\d+(?:\.\d+)?)\s*(?:(?:/|of|out of)\s*5)?\b")


def organization_size(value: Any) -> Any:
    """'Mid-size', 'startup', 1200, '1,200 employees' -> the schema's size word."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return _size_of_headcount(value)
    if not isinstance(value, str):
        return value
    text = value.strip().lower()
    if text in SIZES:
        return text
    words = " ".join(_SIZE_FILLER.sub(" ", text.replace("-", " ").replace("_", " ")).split())
    if words in SIZES:
        return words
    if words in SIZE_WORDS:
        return SIZE_WORDS[words]
    for word in words.split():  # "large enterprise", "small family business"
        if word in SIZES or word in SIZE_WORDS:
            return SIZE_WORDS.get(word, word)
    count = _first_number(text)
    if count is not None:
        return _size_of_headcount(count)
    raise ValueError(f"unknown organisation size {value!r}: use micro, small, medium, large or enterprise, or a head count")


def _size_of_headcount(count: float) -> str:
    if count < 1:
        raise ValueError(f"a head count must be at least 1 (got {count:g})")
    for limit, size in HEADCOUNT_LIMITS:
        if count < limit:
            return size
    return "enterprise"


def count(value: Any) -> Any:
    """'about 40', '40+', '~40', '1,200', '40-50' (the middle) -> a whole number."""
    text = _text_of(value)
    if text is None:
        return _whole(value)
    span = _RANGE.search(text)
    if span:
        low, high = (int(n.replace(",", "")) for n in span.groups())
        return (low + high) // 2
    return _as_whole(_first_number(text), f"expected a whole number, such as 40 or 'about 40' (got {value!r})")


def maturity(value: Any) -> Any:
    """'2', 'level 2', 'L2', '2/5', '2 - managed', 'defined', 3.0 -> the level 1 to 5 (range checked by the model)."""
    text = _text_of(value)
    if text is None:
        return _whole(value)
    level = _LEVEL.match(text)
    if level:
        return _as_whole(float(level.group(1)), f"a maturity level is a whole number from 1 to 5 (got {value!r})")
    for words, number in _MATURITY_WORDS_LONGEST_FIRST:
        if text.startswith(words):
            return number
    raise ValueError(f"expected a maturity level from 1 to 5, such as 2 or 'level 2' (got {value!r})")


YES_WORDS = ("yes", "true", "y", "regulated", "highly", "heavily", "strictly", "partly", "partially", "some", "1")
NO_WORDS = ("no", "false", "n", "not", "unregulated", "none", "0")


def flag(value: Any) -> Any:
    """'yes (GxP)', 'heavily regulated', 'partly' -> True; 'no', 'not really', 'unregulated' -> False."""
    if not isinstance(value, str):
        return value
    first = re.split(r"[\s,;:(/-]+", value.strip().lower(), maxsplit=1)[0]
    if first in YES_WORDS:
        return True
    if first in NO_WORDS:
        return False
    raise ValueError(f"expected yes or no, such as 'yes' or 'yes (GxP)' (got {value!r})")


def years(value: Any) -> Any:
    """'3', '3 years', '18 months' (1.5), 'new' (0) -> years as a number."""
    if not isinstance(value, str):
        return value
    text = value.strip().lower()
    if text in ("new", "none", "no pmo", "just started", "not yet"):
        return 0.0
    number = _first_number(text)
    if number is None:
        raise ValueError(f"expected a number of years, such as 3 or '18 months' (got {value!r})")
    if "month" in text:
        return round(number / 12, 2)
    if "week" in text:
        return round(number / 52, 2)
    return number


def number(value: Any) -> Any:
    """'20%', 'about 12', '1,500' -> the number (a measure's unit is the knowledge's: 20% is 20)."""
    text = _text_of(value)
    if text is None:
        return value
    found = _first_number(text)
    if found is None:
        raise ValueError(f"expected a number, such as 20 or '20%' (got {value!r})")
    return -found if text.startswith("-") else found


def _text_of(value: Any) -> str | None:
    """A string value lower-cased and stripped; None for any other value (a boolean is refused:
    YAML reads yes/no as booleans, never a number)."""
    if isinstance(value, bool):
        raise ValueError(f"expected a number, not {str(value).lower()}")
    return value.strip().lower() if isinstance(value, str) else None


def _whole(value: Any) -> Any:
    """A float with nothing after the point as an int (3.0 -> 3); anything else as it is."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _as_whole(number: float | None, message: str) -> int:
    """A number read from text as an int, or ValueError(message) when there is none or it has a fraction."""
    if number is None or not number.is_integer():
        raise ValueError(message)
    return int(number)


def _first_number(text: str) -> float | None:
    found = _NUMBER.search(text)
    return float(found.group().replace(",", "")) if found else None
