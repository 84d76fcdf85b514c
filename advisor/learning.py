"""Worked cases: diagnosed case files turned into knowledge the cause themes learn from.

``pmo-advisor kb learn`` reads case files that carry ``expected:`` root causes
(a consultant's diagnosis, primary first) and writes a ``worked_cases:``
knowledge file: what each case's stakeholders said and the causes named. Put
in a knowledge folder (``--kb``), the cases teach the themes (:mod:`advisor.themes`)
how people talk when those causes are at work, in the organisation's own words.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .evaluation import labelled_cases

if TYPE_CHECKING:
    from .engine import Advisor


def worked_cases_yaml(advisor: "Advisor", paths: list[Path], errors: list[str]) -> tuple[str, int]:
    """(a knowledge file with a ``worked_cases:`` section, how many cases it holds) for the labelled cases
    under ``paths``; a file that cannot be read adds a line to ``errors``."""
    worked = []
    for file, case in labelled_cases(advisor, paths, errors):
        assert case.expected is not None
        says = [" ".join(text.split()) for _, text in case.statements() if len(text.strip()) >= 3]
        if says:
            worked.append({"source": f"{file.parent.name}/{file.name}", "causes": list(case.expected.root_causes), "says": says})
    header = (f"# {len(worked)} worked cases written by `pmo-advisor kb learn` from diagnosed case files:\n"
              "# what the stakeholders said and the root causes named (primary first). Read for the cause themes only.\n")
    body = yaml.safe_dump({"worked_cases": worked}, sort_keys=False, allow_unicode=True, width=1000)
    return header + body, len(worked)
