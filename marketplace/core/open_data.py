"""Open data downloads, shared by every dataset the service publishes.

Each file states its licence: the CSV's first line is a comment naming the Open
Government Licence, and the JSON carries it with a field dictionary.
"""

import csv
import io
import json

from django.http import HttpResponse
from django.utils import timezone

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
    else:
        buffer = io.StringIO()
        # The licence line comes first, as a comment, so the file states its terms.
        buffer.write(f"# {LICENCE}. Generated {generated}.\n")
        writer = csv.DictWriter(buffer, fieldnames=list(fields))
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dataset}.{file_format}"'
    return response
