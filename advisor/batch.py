"""Batch diagnosis (``pmo-advisor diagnose``) and the case-file schema command."""

from __future__ import annotations


def add_diagnose_parser(commands, parser_class, kb_option) -> None:
    pass


def add_schema_parser(commands, parser_class) -> None:
    pass
