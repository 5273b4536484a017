"""The shortlist downloads, read back as a buyer's spreadsheet would read them."""

import csv
import io

import pytest
from django.urls import reverse
from odf.opendocument import load
from odf.table import TableCell, TableRow

from direct_award import services
from tests.factories import BuyerFactory, SupplierUserFactory, listing_make

pytestmark = pytest.mark.django_db

HEADINGS = ["Supplier", "Service", "Summary", "Price", "Link", "Contact"]


@pytest.fixture
def shortlist():
    """Three suppliers: one named its contact on its profile, one left that blank but
    has a team, and one types spreadsheet formulas wherever it can."""
    named = SupplierUserFactory(
        supplier_organisation__name="Backup Brothers Ltd",
        supplier_organisation__contact_name="Priya Shah",
        supplier_organisation__contact_email="bids@backup.example.co.uk",
        supplier_organisation__contact_phone="01632 960 001",
    )
    team_only = SupplierUserFactory(
        full_name="Asha Patel",
        email="asha@payroll.example.co.uk",
        supplier_organisation__name="Payroll People Ltd",
    )
    formulas = SupplierUserFactory(
        full_name="Mal Ice",
        email="mal@formula.example.co.uk",
        supplier_organisation__name="Formula Ltd",
        supplier_organisation__trading_name='=HYPERLINK("http://x","y")',
        supplier_organisation__contact_name="@SUM(A1)",
    )
    listings = [
        listing_make(supplier_user=named, publish=True, price="1200.50"),
        listing_make(supplier_user=team_only, publish=True, name="School payroll service"),
        listing_make(supplier_user=formulas, publish=True, name="+1", summary="-2+3"),
    ]
    buyer = BuyerFactory()
    project = services.project_create(actor=buyer, name="Backup for 2027")
    saved = services.saved_search_create(
        actor=buyer, project=project, query_string="q=backup", description="backup"
    )
    services.saved_search_end(
        actor=buyer, saved_search=saved, listing_ids=[listing.pk for listing in listings]
    )
    return buyer, saved, listings


def link(listing) -> str:
    return f"http://127.0.0.1:8000/services/{listing.pk}/"


def download(client, buyer, saved, file_format):
    client.force_login(buyer)
    return client.get(reverse(f"direct_award:shortlist-{file_format}", kwargs={"pk": saved.pk}))


def test_the_csv_shows_pounds_contacts_and_formulas_as_typed(client, shortlist):
    buyer, saved, (backup, payroll, formula) = shortlist
    response = download(client, buyer, saved, "csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    # The UTF-8 byte order mark, without which Excel shows "£" as "Â£".
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        HEADINGS,
        [
            "Backup Brothers Ltd",
            "Cloud backup for schools",
            "Automatic nightly backup of school files and e-mail, kept in the UK.",
            "£1,200.50 per user",
            link(backup),
            "Priya Shah, bids@backup.example.co.uk, 01632 960 001",
        ],
        [
            "Payroll People Ltd",
            "School payroll service",
            "Automatic nightly backup of school files and e-mail, kept in the UK.",
            "£1.50 per user",
            link(payroll),
            "Asha Patel, asha@payroll.example.co.uk",
        ],
        [
            """'=HYPERLINK("http://x","y")""",
            "'+1",
            "'-2+3",
            "£1.50 per user",
            link(formula),
            "'@SUM(A1)",
        ],
    ]


def test_the_ods_keeps_the_text_as_typed_in_string_cells(client, shortlist):
    buyer, saved, (backup, _payroll, formula) = shortlist
    document = load(io.BytesIO(download(client, buyer, saved, "ods").content))
    rows = document.spreadsheet.getElementsByType(TableRow)
    cells = [row.getElementsByType(TableCell) for row in rows]

    assert [str(cell) for cell in cells[0]] == HEADINGS
    assert [str(cell) for cell in cells[1]][3:] == [
        "£1,200.50 per user",
        link(backup),
        "Priya Shah, bids@backup.example.co.uk, 01632 960 001",
    ]
    # A string cell is never evaluated, so the formula text needs no apostrophe.
    assert [str(cell) for cell in cells[3]] == [
        '=HYPERLINK("http://x","y")',
        "+1",
        "-2+3",
        "£1.50 per user",
        link(formula),
        "@SUM(A1)",
    ]
    assert {cell.getAttribute("valuetype") for row in cells for cell in row} == {"string"}


def test_a_supplier_with_no_contact_and_no_active_team_says_so(client, shortlist):
    buyer, saved, (_backup, payroll, _formula) = shortlist
    payroll.supplier.users.update(is_active=False)
    rows = list(
        csv.reader(io.StringIO(download(client, buyer, saved, "csv").content.decode("utf-8-sig")))
    )
    assert rows[2][0] == "Payroll People Ltd"
    assert rows[2][5] == "Not given"
