"""Open data downloads, shared by every dataset the service publishes.

Each file states its licence: the CSV's first line is a comment naming the Open
Government Licence, and the JSON carries it with a field dictionary. The CSV is
written by ``csv_files``, so text that a spreadsheet would run as a formula is
neutralised and "£" reads back in Excel.
"""

import json

from django.http import HttpResponse
from django.utils import timezone

from .csv_files import csv_response, csv_text

# The formats every dataset downloads in; the ``data_format`` URL converter
# (registered once, by the core app) accepts only these.
FILE_FORMATS = ("csv", "json")

LICENCE = (
    "Open Government Licence v3.0: "
    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
)


def dataset_response(
    *, dataset: str, fields: dict[str, str], rows: list[dict], file_format: str
) -> HttpResponse:
    """A CSV or JSON download of ``rows``, whose keys are ``fields``."""
    generated = timezone.now().isoformat(timespec="seconds")
    if file_format == "json":
        body = json.dumps(
            {
                "dataset": dataset,
                "licence": LICENCE,
                "generated": generated,
                "fields": fields,
                "records": rows,
            },
            indent=1,
            ensure_ascii=False,
            default=str,
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{dataset}.json"'
        return response
    # The licence line comes first, as a comment, so the file states its terms.
    text = csv_text(
        preamble=f"# {LICENCE}. Generated {generated}.",
        header=list(fields),
        rows=([row.get(name, "") for name in fields] for row in rows),
    )
    return csv_response(text=text, filename=f"{dataset}.csv")


class DataFormat:
    """URL converter for a download's file extension: ``<data_format:file_format>``."""

    regex = "|".join(FILE_FORMATS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
