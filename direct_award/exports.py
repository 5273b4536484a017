"""The frozen shortlist as CSV and ODS, for the buyer's assessment records."""

import csv
import io

from django.conf import settings
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from .models import SavedSearch

COLUMNS = ("Supplier", "Service", "Summary", "Price", "Link", "Contact")


def shortlist_rows(*, saved_search: SavedSearch) -> list[list[str]]:
    rows = []
    entries = saved_search.shortlist.select_related(
        "listing__supplier", "listing_version"
    ).order_by("position")
    for entry in entries:
        version, supplier = entry.listing_version, entry.listing.supplier
        contact = ", ".join(
            part
            for part in (supplier.contact_name, supplier.contact_email, supplier.contact_phone)
            if part
        )
        rows.append(
            [
                supplier.display_name,
                version.name,
                version.summary,
                f"£{version.price:,.2f} {version.get_price_unit_display()}",
                settings.WAGTAILADMIN_BASE_URL + entry.listing.get_absolute_url(),
                contact,
            ]
        )
    return rows


def shortlist_csv(*, saved_search: SavedSearch) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(shortlist_rows(saved_search=saved_search))
    return buffer.getvalue()


def shortlist_ods(*, saved_search: SavedSearch) -> bytes:
    document = OpenDocumentSpreadsheet()
    table = Table(name="Shortlist")
    for values in [list(COLUMNS), *shortlist_rows(saved_search=saved_search)]:
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()
