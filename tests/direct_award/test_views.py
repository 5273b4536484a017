"""The buyer's saved-search pages: the whole journey, who may use them, bad input."""

import csv
import io

import pytest
from django.urls import reverse
from odf.opendocument import load
from odf.table import TableCell, TableRow

from direct_award import services
from direct_award.models import Outcome, Project, SavedSearch
from marketplace.core.models import AuditEvent
from search.services import search_entries_rebuild
from tests.factories import BuyerFactory, LotFactory, SupplierUserFactory, category_make
from tests.search.catalogue import offer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_search(settings):
    # The database executor answers, so these tests need no engine index.
    settings.SEARCH_ENGINE = "database"


@pytest.fixture
def backup_listings():
    """Two published backup services (cheaper first by price) and one that is not backup."""
    lot = LotFactory(categories=[category_make("Backup and recovery")])
    first = offer(lot=lot, name="Cloud backup for schools", price="5.00", regions=("TLD",))
    second = offer(lot=lot, name="Backup for councils", price="9.00")
    offer(lot=LotFactory(categories=[category_make("Payroll")]), name="Payroll for schools")
    search_entries_rebuild()
    return first, second


@pytest.fixture
def buyer():
    return BuyerFactory()


@pytest.fixture
def signed_in(client, buyer):
    client.force_login(buyer)
    return client


def url(name: str, **kwargs) -> str:
    return reverse(f"direct_award:{name}", kwargs=kwargs)


def saved_make(buyer, query_string="q=backup&sort=price") -> SavedSearch:
    project = services.project_create(actor=buyer, name="Backup for 2027")
    return services.saved_search_create(
        actor=buyer, project=project, query_string=query_string, description="'backup'"
    )


def ended_make(buyer, listings) -> SavedSearch:
    saved = saved_make(buyer)
    services.saved_search_end(
        actor=buyer, saved_search=saved, listing_ids=[listing.pk for listing in listings]
    )
    return saved


def award_answers(saved: SavedSearch, **overrides) -> dict:
    answers = {
        "kind": "awarded",
        "awarded_entry": saved.shortlist.first().pk,
        "value": "£24,000",
        "start_date-day": "1",
        "start_date-month": "4",
        "start_date-year": "2027",
        "end_date-day": "31",
        "end_date-month": "3",
        "end_date-year": "2028",
    }
    return {**answers, **overrides}


def actions(saved: SavedSearch) -> list[str]:
    return list(
        AuditEvent.objects.filter(subject_id=str(saved.pk), action__startswith="saved_search.")
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )


def test_save_end_download_and_record_an_award_through_the_pages(signed_in, buyer, backup_listings):
    first, second = backup_listings
    save_url = url("save-search") + "?q=backup&region=TLD&sort=price&page=2"

    page = signed_in.get(save_url)
    assert page.status_code == 200
    assert "\N{LEFT SINGLE QUOTATION MARK}backup\N{RIGHT SINGLE QUOTATION MARK}" in (
        page.content.decode()
    )
    assert "North West" in page.content.decode()

    saved_page = signed_in.post(save_url, {"project": "new", "name": "Backup for 2027"})
    saved = SavedSearch.objects.get()
    assert saved_page.status_code == 302
    assert saved_page.url == url("saved-search", pk=saved.pk)
    assert saved.query_string == "q=backup&region=TLD&sort=price"  # not the page it was on
    assert saved.project.buyer_organisation == buyer.buyer_organisation
    assert AuditEvent.objects.filter(action="project.created").count() == 1

    # Delivered in the North West, or across the whole UK: both backup services match.
    shown = signed_in.get(saved_page.url)
    assert b"2 services match this search now." in shown.content
    assert b'href="/search/?q=backup&amp;region=TLD&amp;sort=price"' in shown.content
    assert b"Open" in shown.content

    services_now = signed_in.get(url("end-search", pk=saved.pk))
    assert b"2 services match this search now." in services_now.content
    ended = signed_in.post(url("end-search", pk=saved.pk))
    assert ended.status_code == 302
    saved.refresh_from_db()
    assert saved.is_ended
    assert [e.listing for e in saved.shortlist.all()] == [first, second]  # cheapest first

    frozen = signed_in.get(url("saved-search", pk=saved.pk))
    assert b"Cloud backup for schools" in frozen.content
    assert f'href="{first.get_absolute_url()}"'.encode() in frozen.content
    assert b"Tell us the outcome" in frozen.content

    def row(listing, name, price):
        supplier, member = listing.supplier, listing.supplier.users.get()
        return [
            supplier.display_name,
            name,
            "A managed service for public bodies with support included.",
            price,
            f"http://127.0.0.1:8000/services/{listing.pk}/",
            f"{member.full_name}, {member.email}",
        ]

    expected = [
        ["Supplier", "Service", "Summary", "Price", "Link", "Contact"],
        row(first, "Cloud backup for schools", "£5.00 per user"),
        row(second, "Backup for councils", "£9.00 per user"),
    ]
    as_csv = signed_in.get(url("shortlist-csv", pk=saved.pk))
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert as_csv["Content-Disposition"] == (
        f'attachment; filename="backup-for-2027-shortlist-{saved.pk}.csv"'
    )
    assert list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig")))) == expected
    as_ods = signed_in.get(url("shortlist-ods", pk=saved.pk))
    assert as_ods["Content-Disposition"].endswith(f'shortlist-{saved.pk}.ods"')
    document = load(io.BytesIO(as_ods.content))
    assert [
        [str(cell) for cell in row.getElementsByType(TableCell)]
        for row in document.spreadsheet.getElementsByType(TableRow)
    ] == expected
    assert [row[1] for row in expected[1:]] == ["Cloud backup for schools", "Backup for councils"]

    recorded = signed_in.post(url("outcome", pk=saved.pk), award_answers(saved))
    assert recorded.status_code == 302
    outcome = Outcome.objects.get()
    assert (outcome.kind, outcome.value, str(outcome.end_date)) == (
        "awarded",
        24000,
        "2028-03-31",
    )
    assert outcome.supplier == first.supplier

    after = signed_in.get(url("saved-search", pk=saved.pk))
    assert b"Contract awarded" in after.content
    assert b"\xc2\xa324,000" in after.content
    assert f"/feedback/suppliers/{first.supplier.slug}/write/".encode() in after.content
    assert actions(saved) == [
        "saved_search.created",
        "saved_search.ended",
        "saved_search.shortlist_downloaded",
        "saved_search.shortlist_downloaded",
        "saved_search.outcome_recorded",
    ]


def test_saving_into_an_existing_project_and_the_projects_pages(signed_in, buyer):
    existing = saved_make(buyer).project
    other = Project.objects.create(
        name="Someone else's", buyer_organisation=BuyerFactory().buyer_organisation,
        created_by=buyer,
    )  # fmt: skip

    form = signed_in.get(url("save-search") + "?q=payroll&size=sme")
    assert b"Backup for 2027" in form.content
    assert b"Someone else" not in form.content
    response = signed_in.post(url("save-search") + "?q=payroll&size=sme", {"project": existing.pk})
    assert response.status_code == 302
    assert existing.searches.count() == 2
    assert existing.searches.first().description == (
        "\N{LEFT SINGLE QUOTATION MARK}payroll\N{RIGHT SINGLE QUOTATION MARK} \N{MIDDLE DOT} SME"
    )
    assert not AuditEvent.objects.filter(action="project.created", subject_id=str(other.pk))

    listing = signed_in.get(url("projects"))
    assert listing.status_code == 200
    assert b"Backup for 2027" in listing.content
    assert b"Someone else" not in listing.content
    one = signed_in.get(url("project", pk=existing.pk))
    assert one.status_code == 200
    assert "\N{LEFT SINGLE QUOTATION MARK}payroll".encode() in one.content


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({}, "project", "Select a project, or a new project"),
        ({"project": "new", "name": "  "}, "name", "Enter a name for the new project"),
        ({"project": "999999"}, "project", "Select one of your projects, or a new project"),
        ({"project": "new", "name": "x" * 101}, "name", "100 characters or fewer"),
    ],
)
def test_saving_with_bad_answers_says_what_to_fix(signed_in, buyer, answers, field, message):
    saved_make(buyer)  # so there are projects to choose from
    response = signed_in.post(url("save-search") + "?q=backup", answers)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    assert message.encode() in response.content
    if answers.get("name"):
        assert f'value="{answers["name"]}"'.encode() in response.content
    assert SavedSearch.objects.count() == 1


def test_a_buyer_without_projects_just_names_one(signed_in):
    page = signed_in.get(url("save-search") + "?q=backup")
    assert b"Name your project" in page.content
    assert b'type="hidden" name="project" value="new"' in page.content
    response = signed_in.post(url("save-search") + "?q=backup", {"project": "new", "name": "X"})
    assert response.status_code == 302


def test_a_search_with_too_many_results_cannot_end(signed_in, buyer, backup_listings, monkeypatch):
    # Two results against a limit of one stands in for 101 against 100.
    monkeypatch.setattr("direct_award.models.MAX_RESULTS_TO_END", 1)
    monkeypatch.setattr("direct_award.services.MAX_RESULTS_TO_END", 1)
    saved = saved_make(buyer)

    page = signed_in.get(url("saved-search", pk=saved.pk))
    assert b"More than 1 services match" in page.content
    assert b"You can only end a search with 1 results or fewer" in page.content
    response = signed_in.post(url("end-search", pk=saved.pk))
    assert response.status_code == 400
    assert b"Your search has 2 results. Refine it to 1 results or fewer" in response.content
    saved.refresh_from_db()
    assert not saved.is_ended
    assert actions(saved) == ["saved_search.created"]


def test_a_search_with_no_results_cannot_end(signed_in, buyer, backup_listings):
    saved = saved_make(buyer, query_string="q=zebras")
    response = signed_in.post(url("end-search", pk=saved.pk))
    assert response.status_code == 400
    assert b"There are no results to shortlist" in response.content


@pytest.fixture
def ended(buyer, backup_listings):
    return ended_make(buyer, backup_listings)


def test_award_answers_are_checked_and_kept(signed_in, ended):
    response = signed_in.post(
        url("outcome", pk=ended.pk),
        award_answers(
            ended, awarded_entry="", value="", **{"end_date-day": "", "end_date-year": "2026"}
        ),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["end_date"] == ["The end date must include a day"]
    assert b'value="2026"' in response.content  # answers kept

    response = signed_in.post(
        url("outcome", pk=ended.pk),
        award_answers(ended, awarded_entry="", value="", **{"end_date-year": "2026"}),
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "awarded_entry": ["Select the service you awarded the contract to"],
        "value": ["Enter the contract value, like 25000"],
        "end_date": ["The end date must be after the start date"],
    }
    assert b"There is a problem" in response.content
    assert b'href="#id_end_date"' in response.content

    nothing = signed_in.post(url("outcome", pk=ended.pk), {})
    assert nothing.status_code == 400
    assert nothing.context["form"].errors == {"kind": ["Select what happened"]}
    assert not Outcome.objects.exists()


@pytest.mark.parametrize(
    ("kind", "shown"),
    [("cancelled", "The work was cancelled"), ("none-suitable", "No suitable services")],
)
def test_recording_cancelled_or_none_suitable(signed_in, ended, kind, shown):
    # Award details left over in the form are not kept for another outcome.
    response = signed_in.post(url("outcome", pk=ended.pk), award_answers(ended, kind=kind))
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert (outcome.kind, outcome.awarded_entry, outcome.value) == (kind, None, None)
    page = signed_in.get(url("saved-search", pk=ended.pk))
    assert shown.encode() in page.content
    assert b"/feedback/" not in page.content
    assert actions(ended)[-1] == "saved_search.outcome_recorded"

    again = signed_in.get(url("outcome", pk=ended.pk))
    assert again.status_code == 400
    assert b"already been recorded" in again.content


def test_steps_out_of_order_are_refused(signed_in, buyer, ended, backup_listings):
    assert signed_in.post(url("end-search", pk=ended.pk)).status_code == 400
    open_search = saved_make(buyer)
    early = signed_in.get(url("outcome", pk=open_search.pk))
    assert early.status_code == 400
    assert b"End the search before you record its outcome" in early.content
    assert signed_in.get(url("shortlist-csv", pk=open_search.pk)).status_code == 404


def _every_url(saved: SavedSearch) -> list[str]:
    return [
        url("saved-search", pk=saved.pk),
        url("project", pk=saved.project.pk),
        url("end-search", pk=saved.pk),
        url("shortlist-csv", pk=saved.pk),
        url("shortlist-ods", pk=saved.pk),
        url("outcome", pk=saved.pk),
    ]


def test_another_organisation_cannot_see_run_end_download_or_record(client, ended):
    client.force_login(BuyerFactory())
    for address in _every_url(ended):
        assert client.get(address).status_code == 404, address
    assert client.post(url("end-search", pk=ended.pk)).status_code == 404
    assert client.post(url("outcome", pk=ended.pk), award_answers(ended)).status_code == 404
    assert (
        client.post(url("save-search") + "?q=x", {"project": ended.project.pk}).status_code == 400
    )  # not one of their projects to choose
    assert b"Backup for 2027" not in client.get(url("projects")).content
    assert not Outcome.objects.exists()
    assert SavedSearch.objects.count() == 1


def test_a_colleague_in_the_same_organisation_can_use_them(client, buyer, ended):
    client.force_login(BuyerFactory(buyer_organisation=buyer.buyer_organisation))
    for address in _every_url(ended):
        expected = 400 if address == url("end-search", pk=ended.pk) else 200  # already ended
        assert client.get(address).status_code == expected, address


def test_suppliers_are_refused_and_visitors_sent_to_sign_in(client, ended):
    addresses = [url("save-search"), url("projects"), *_every_url(ended)]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 302, address
        assert response.url.startswith(reverse("accounts:sign-in"))
    client.force_login(SupplierUserFactory())
    for address in addresses:
        assert client.get(address).status_code == 403, address
    assert client.post(url("end-search", pk=ended.pk)).status_code == 403
