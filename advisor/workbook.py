"""Excel survey exports (.xlsx, .xlsm): the first worksheet as CSV text, so it is read as a CSV export is.

Survey tools (Microsoft Forms, Google Forms, Qualtrics) export responses as a
workbook with one sheet. Row N of the sheet is line N of the CSV text, so error
messages name the row a user sees in Excel: a cell's line breaks become spaces.
The workbook is checked before it is opened: a zip whose parts would unpack to
more than :data:`MAX_UNPACKED_BYTES` is refused (a "zip bomb"), and its XML is
parsed with defusedxml, so entity tricks cannot exhaust memory either.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime, time

from .errors import CaseError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
MAX_UNPACKED_BYTES = 100_000_000
"""Uncompressed size of all of a workbook's parts (its XML is some ten times its text)."""


def sheet_as_csv(data: bytes, name: str) -> str:
    """The first worksheet of an .xlsx/.xlsm workbook as CSV text (comma-separated, one line per row)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - zipfile raises BadZipFile, ValueError, EOFError and others on damaged headers
        raise CaseError(_not_a_workbook(data), name, None) from None
    with archive:
        unpacked = sum(part.file_size for part in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise CaseError(f"workbook unpacks to {unpacked // 1_000_000} MB; the limit is "
                            f"{MAX_UNPACKED_BYTES // 1_000_000} MB (save the sheet as CSV)", name, None)
    from openpyxl import load_workbook  # only a run that reads a workbook pays for openpyxl

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if not book.worksheets:
                raise CaseError("workbook has no worksheet", name, None)
            for row in book.worksheets[0].iter_rows(values_only=True):  # (read-only: parsed as it is read)
                writer.writerow([_cell_text(value) for value in row])
        finally:
            book.close()
    except CaseError:
        raise
    except Exception as exc:  # openpyxl and defusedxml raise anything from KeyError to their own errors on a bad file
        raise CaseError(f"cannot read the workbook: {_reason(exc)}", name, None) from None
    return out.getvalue()


def _reason(exc: BaseException) -> str:
    """The first cause of a failed read, on one line (openpyxl wraps it in a vague ValueError)."""
    from defusedxml import DefusedXmlException

    while exc.__cause__ is not None:
        exc = exc.__cause__
    if isinstance(exc, DefusedXmlException):
        return f"its XML declares entities or a DTD, which are refused ({exc.__class__.__name__})"
    text = " ".join(str(exc).split()) or "damaged file"
    return f"{exc.__class__.__name__}: {text}"


def _cell_text(value: object) -> str:
    """A cell as a survey export's text: whole numbers without '.0', dates as ISO dates, line breaks as spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _not_a_workbook(data: bytes) -> str:
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # the OLE container of .xls files and of password-protected workbooks
        return "not an .xlsx workbook: an old .xls file or a password-protected workbook (save the sheet as CSV)"
    return "not an .xlsx workbook (the file is damaged or has the wrong extension)"
