"""The frozen shortlist as CSV and ODS, for the buyer's assessment records.

The CSV is written by the service's one CSV writer, which neutralises text a
spreadsheet would run as a formula; the ODS needs no such care, because every
cell is typed as a string and is never evaluated.
"""

import io

from django.conf import settings
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from marketplace.core.csv_files import csv_text
from marketplace.core.money import money_text
from suppliers.models import SupplierOrganisation

from . import selectors
from .models import SavedSearch

COLUMNS = ("Supplier", "Service", "Summary", "Price", "Link", "Contact")
NO_CONTACT = "Not given"


def supplier_contact(supplier: SupplierOrganisation) -> str:
    """Who to contact: the profile's named contact, or else (most suppliers never
    fill that in) the longest-standing member of the organisation's team."""
    named = [supplier.contact_name, supplier.contact_email, supplier.contact_phone]
    if any(named):
        return ", ".join(part for part in named if part)
    member = next(iter(getattr(supplier, "team", [])), None)
    if member is None:
        return NO_CONTACT
    return ", ".join(part for part in (member.full_name, member.email) if part)


def shortlist_rows(*, saved_search: SavedSearch) -> list[list[str]]:
    rows = []
    for entry in selectors.shortlist_with_contacts(saved_search=saved_search):
        version, supplier = entry.listing_version, entry.listing.supplier
        rows.append(
            [
                supplier.display_name,
                version.name,
                version.summary,
                f"{money_text(version.price, pence='always')} {version.get_price_unit_display()}",
                settings.WAGTAILADMIN_BASE_URL + entry.listing.get_absolute_url(),
                supplier_contact(supplier),
            ]
        )
    return rows


def shortlist_csv(*, saved_search: SavedSearch) -> str:
    return csv_text(header=COLUMNS, rows=shortlist_rows(saved_search=saved_search))


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
