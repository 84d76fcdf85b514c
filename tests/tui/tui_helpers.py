"""Constants and helpers shared by the interview tests."""

from __future__ import annotations

SIZE = (100, 32)
THEME = "textual-dark"
STATEMENTS = [  # open enough that the interview asks at least four questions before it is settled
    "Our only integration architect is needed by three projects next week and nobody checked before promising her to the client",
    "Status goes to the board monthly and by the time it is read it is six weeks old",
    "Every project starts from scratch, we never reuse what the last team learned",
]


async def type_text(pilot, text: str) -> None:
    """Type text key by key, as a consultant would."""
    await pilot.press(*["space" if c == " " else c for c in text])


async def settle(app, pilot) -> None:
    """Let workers (diagnosis, export) finish and their messages arrive."""
    await app.workers.wait_for_complete()
    await pilot.pause()


def options(option_list) -> list:
    """Every option of an OptionList, in order."""
    return [option_list.get_option_at_index(i) for i in range(option_list.option_count)]
