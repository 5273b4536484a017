"""Every CSV the service emits, opened as a spreadsheet would open it: formulas
typed by anyone come out as text, numbers the code writes stay numbers, and the
byte order mark makes Excel read "£" as "£"."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from feedback import services as feedback_services
from marketplace.core.csv_files import csv_cell, csv_text
from strategies.services import organisation_strategy_index_ensure
from tests.factories import (
    BuyerFactory,
    BuyingOrganisationFactory,
    CcsReviewerFactory,
    FrameworkFactory,
    listing_make,
)
from tests.feedback.conftest import award_make, content
from tests.strategies.conftest import entry, make_strategy

FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
NEUTRALISED = ["'" + formula for formula in FORMULAS]


def read(response) -> list[list[str]]:
    """The rows after the licence line, decoded as Excel does with the BOM present."""
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    licence, rest = response.content.decode("utf-8-sig").split("\r\n", 1)
    assert licence.startswith("# Open Government Licence v3.0")
    return list(csv.reader(io.StringIO(rest)))


def column(rows: list[list[str]], heading: str) -> list[str]:
    index = rows[0].index(heading)
    return [row[index] for row in rows[1:]]


def test_text_that_would_run_as_a_formula_is_prefixed_and_numbers_stay_numbers():
    assert [csv_cell(formula) for formula in FORMULAS] == NEUTRALISED
    assert [csv_cell(value) for value in (-2, -2.5, Decimal("-3.10"), True, None)] == [
        -2,
        -2.5,
        Decimal("-3.10"),
        True,
        "",
    ]
    assert csv_cell("Price: £10 - £20") == "Price: £10 - £20"

    text = csv_text(header=["Name", "Change"], rows=[["-2+3", -2], ["£10", 4.5]])
    assert text == "\ufeffName,Change\r\n'-2+3,-2\r\n£10,4.5\r\n"


@pytest.mark.django_db
def test_the_framework_map_csv_neutralises_names_typed_in_the_admin(client):
    for number, formula in enumerate(FORMULAS):
        FrameworkFactory(name=formula, reference=f"RM{number}", slug=f"formula-{number}")

    rows = read(client.get("/frameworks/data/frameworks.csv"))
    assert sorted(column(rows, "name")) == sorted(NEUTRALISED)
    assert sorted(column(rows, "slug")) == [f"formula-{n}" for n in range(len(FORMULAS))]


@pytest.mark.django_db
def test_the_feedback_csv_neutralises_what_the_buyer_wrote(client):
    moderator = CcsReviewerFactory()
    buyer = BuyerFactory(buyer_organisation__name="Leeds City Council")
    for formula in FORMULAS[:4]:
        award = award_make(buyer=buyer, listing=listing_make(publish=True))
        written = content(went_well=formula, could_be_better="Cost £5 more")
        feedback = feedback_services.feedback_create(actor=buyer, content=written, award=award)
        feedback_services.feedback_publish(actor=moderator, version=feedback.versions.get())

    rows = read(client.get(reverse("feedback:csv", kwargs={"name": "feedback"})))
    assert sorted(column(rows, "went_well")) == sorted(NEUTRALISED[:4])
    assert column(rows, "could_be_better") == ["Cost £5 more"] * 4
    assert column(rows, "from") == ["Leeds City Council"] * 4


@pytest.mark.django_db
def test_the_pipeline_csv_neutralises_titles_typed_by_a_buyer(client):
    alpha = BuyingOrganisationFactory(name="Alpha Purchasing", slug="alpha")
    organisation_strategy_index_ensure(organisation=alpha)
    make_strategy(alpha, 2026, [entry(formula, "1000") for formula in FORMULAS[:4]])

    rows = read(client.get(reverse("strategies:pipeline-download", args=["csv"])))
    assert sorted(column(rows, "title")) == sorted(NEUTRALISED[:4])
    assert column(rows, "value_amount") == ["1000.00"] * 4


@pytest.mark.django_db
def test_wagtails_admin_reports_neutralise_page_titles_too(client):
    from wagtail.models import Page

    from tests.factories import UserFactory

    admin = UserFactory(email="admin@ccs.example.gov.uk", is_superuser=True)
    root = Page.get_first_root_node()
    page = root.add_child(instance=Page(title='=HYPERLINK("http://x","y")', slug="formula"))
    page.save_revision(user=admin, log_action=True)
    client.force_login(admin)

    response = client.get("/admin/reports/site-history/", {"export": "csv"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    names = [row[rows[0].index("Name")] for row in rows[1:]]
    assert """'=HYPERLINK("http://x","y")""" in names
    assert not [name for name in names if name.startswith("=")]
