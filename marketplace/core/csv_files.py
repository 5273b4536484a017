"""The one CSV writer: every CSV file the service emits is written here.

Two things every file needs, whoever builds its rows:

- Text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
  read by a spreadsheet as a formula (``=HYPERLINK(...)`` becomes a live link, and
  worse). Following the OWASP guidance on CSV injection, such text gets a leading
  ``'`` so it is shown as typed and never run. Numbers the code writes as numbers
  (a count, an average, an amount) stay numbers: they are not text anyone typed, and
  a spreadsheet should still be able to add them up.
- The file starts with a UTF-8 byte order mark, without which Excel reads the bytes
  as Windows-1252 and shows "£" as "Â£".
"""

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse

BOM = "\ufeff"
CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """``value`` as it is safe to write: text that a spreadsheet would run as a
    formula gets a leading apostrophe; numbers, booleans and blanks are unchanged."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(*, header: Sequence[str], rows: Iterable[Sequence], preamble: str = "") -> str:
    """A whole CSV file: the BOM, an optional first line written as it is (such as a
    licence comment, written by the code, not a user), the header and the rows."""
    buffer = io.StringIO()
    buffer.write(BOM)
    if preamble:
        buffer.write(preamble + "\r\n")
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(name) for name in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def csv_response(*, text: str, filename: str) -> HttpResponse:
    """A download of ``text`` (from ``csv_text``) named ``filename``."""
    response = HttpResponse(text.encode("utf-8"), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
