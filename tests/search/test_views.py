"""The buyer's search pages: results, filters, errors, the fallback notice and the guides."""

import re

import pytest
from django.urls import reverse

from search import engine_client
from search.services import search_entries_rebuild
from tests.factories import BuyerFactory, SupplierUserFactory
from tests.search.catalogue import catalogue_make, offer

pytestmark = pytest.mark.django_db

URL = "/search/"


@pytest.fixture(autouse=True)
def database_search(settings):
    settings.SEARCH_ENGINE = "database"


@pytest.fixture
def catalogue():
    made = catalogue_make()
    search_entries_rebuild()
    return made


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def result_names(response) -> list[str]:
    return [str(hit["name"]) for hit in response.context["hits"]]


def test_the_page_lists_services_with_counts_badges_and_details(client, catalogue):
    response = client.get(URL)

    assert response.status_code == 200
    page = text(response)
    assert "4 services found" in page
    assert result_names(response) == [
        "Alpha telephony",
        "Bravo messaging",
        "Charlie hosting",
        "Delta hosting",
    ]
    html = response.content.decode()
    assert f'href="/services/{catalogue.alpha.pk}/"' in html
    assert f'href="/suppliers/{catalogue.alpha.supplier.slug}/"' in html
    assert "North East (3)" in page  # alpha and bravo, plus charlie across the whole UK
    assert "London (2)" in page
    assert "SME" in page and "VCSE" in page
    assert "Where: The whole UK" in page  # charlie
    assert "Where: North East, North West" in page  # bravo
    assert "Price: £1,000 per user" in page
    assert "Cloud Services 1" in page


def test_keywords_are_highlighted(client, catalogue):
    response = client.get(URL, {"q": "telephony"})

    assert "1 service found" in text(response)
    assert "<mark>" in response.content.decode()


def test_a_listing_named_like_markup_shows_as_text(client):
    offer(name="<script>alert(1)</script> backup", summary="Backup <b>bold</b> for schools.")
    search_entries_rebuild()

    html = client.get(URL, {"q": "backup"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
    assert "<b>bold</b>" not in html


def test_filters_narrow_the_results_and_can_be_removed(client, catalogue):
    response = client.get(URL, {"region": "TLD", "size": "sme"})

    assert response.status_code == 200
    assert "2 services found" in text(response)  # bravo, and charlie across the whole UK
    chosen = {item["text"]: item["href"] for item in response.context["chosen"]}
    assert chosen == {
        "Remove filter: North West": "/search/?size=sme",
        "Remove filter: Any small or medium-sized enterprise (SME)": "/search/?region=TLD",
    }


def test_a_flag_and_a_price_are_removable_too(client, catalogue):
    response = client.get(URL, {"vcse": "on", "price_max": "100", "page": "1"})

    assert "1 service found" in text(response)  # alpha
    chosen = {item["text"]: item["href"] for item in response.context["chosen"]}
    assert chosen["Remove filter: Maximum price £100"] == "/search/?vcse=on"
    assert chosen["Remove filter: Voluntary, community and social enterprises (VCSE) only"] == (
        "/search/?price_max=100"
    )


def test_invalid_answers_answer_400_and_keep_the_form(client, catalogue):
    response = client.get(URL, {"q": "hosting", "price_min": "lots", "region": "TLZ"})

    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page
    assert "Minimum price must be a number, like 10 or 12.50" in page
    assert "Choose regions from the list" in page
    assert 'value="hosting"' in response.content.decode()
    assert response.context["search"].keywords == "hosting"
    assert "2 services found" in page  # the valid answers still search


def test_no_results_gives_advice_with_links_that_remove_each_filter(client, catalogue):
    response = client.get(URL, {"q": "telephony", "region": "TLI"})

    page = text(response)
    assert "0 services found" in page
    assert "check the spelling" in page
    assert "Remove filter: London" in page
    html = response.content.decode()
    assert 'href="/search/?q=telephony"' in html
    assert 'href="/search/guides/"' in html


def test_a_page_past_the_last_shows_the_last(client, catalogue):
    response = client.get(URL, {"page": "7"})

    assert response.status_code == 200
    assert response.context["search"].page == 1
    assert len(response.context["hits"]) == 4


def test_pagination_keeps_the_query(client):
    for number in range(21):
        offer(name=f"Backup service {number:02}")
    search_entries_rebuild()

    response = client.get(URL, {"q": "backup", "size": "small"})

    assert "21 services found" in text(response)
    assert "?q=backup&amp;size=small&amp;page=2" in response.content.decode()
    second = client.get(URL, {"q": "backup", "size": "small", "page": "2"})
    assert len(second.context["hits"]) == 1


def test_an_unreachable_engine_shows_a_notice_not_an_error(client, catalogue, settings):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    engine_client._client_for.cache_clear()

    response = client.get(URL, {"q": "hosting"})

    assert response.status_code == 200
    page = text(response)
    assert "Search is running in a simpler mode at the moment" in page
    assert "2 services found" in page


def test_buyers_are_offered_to_save_the_search(client, catalogue):
    client.force_login(BuyerFactory())

    response = client.get(URL, {"q": "hosting", "region": "TLI", "page": "1"})

    assert 'href="/buyer/searches/save/?q=hosting&amp;region=TLI"' in response.content.decode()


def test_others_are_asked_to_sign_in_or_not_offered_it(client, catalogue):
    anonymous = client.get(URL, {"q": "hosting"}).content.decode()
    assert "/buyer/searches/save/" not in anonymous
    assert "/account/sign-in/?next=%2Fsearch%2F%3Fq%3Dhosting" in anonymous

    client.force_login(SupplierUserFactory())
    supplier = client.get(URL, {"q": "hosting"}).content.decode()
    assert "/buyer/searches/save/" not in supplier and "Sign in as a buyer" not in supplier


# Guided journeys ----------------------------------------------------------------------------


def test_the_guides_index_lists_every_journey(client):
    page = text(client.get("/search/guides/"))

    for name in ("A school or academy", "A council", "An NHS body"):
        assert name in page


def test_a_guide_asks_its_questions(client):
    response = client.get("/search/guides/school/")

    assert response.status_code == 200
    page = text(response)
    assert "What do you need?" in page
    assert "Which region do you need the service in?" in page
    assert "North West" in page


def test_a_guide_leads_back_to_the_list_of_guides(client):
    html = client.get("/search/guides/school/").content.decode()

    assert '<a class="govuk-breadcrumbs__link" href="/search/guides/">' in html


def test_a_guide_ends_in_a_filtered_search(client):
    offer(name="Email for schools", size="small", regions=("TLD",))
    search_entries_rebuild()
    response = client.get(
        "/search/guides/school/",
        {"need": "email", "region": "TLD", "kind": "sme", "answered": "yes"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/search/?region=TLD&size=sme&q=email"


def test_a_guide_sent_without_answers_says_what_is_missing(client):
    response = client.get("/search/guides/council/", {"need": "website", "answered": "yes"})

    assert response.status_code == 400
    page = text(response)
    assert "Select a region, or anywhere in the UK" in page
    assert "Select what you need" not in page
    assert 'value="website" checked' in response.content.decode()


def test_an_unknown_guide_is_not_found(client):
    assert client.get("/search/guides/nowhere/").status_code == 404


def test_the_navigation_leads_with_find_a_service(client):
    nav = client.get(reverse("search:results")).context["service_nav"]

    assert nav[0] == {"href": "/search/", "text": "Find a service", "active": True}


def test_each_result_shows_its_suppliers_rating_in_words(client, catalogue):
    from feedback import services as feedback_services
    from tests.factories import CcsReviewerFactory
    from tests.feedback.conftest import award_make, content

    buyer = BuyerFactory()
    award = award_make(buyer=buyer, listing=catalogue.alpha)
    feedback = feedback_services.feedback_create(
        actor=buyer, content=content(overall=4), award=award
    )
    reviewer = CcsReviewerFactory()
    feedback_services.feedback_publish(actor=reviewer, version=feedback.versions.get())

    page = text(client.get(URL))

    assert f"Rated 4.0 out of 5 from 1 review for {catalogue.alpha.supplier.display_name}" in page
    assert "No feedback yet" in page  # the other suppliers
    # Rating is shown, never the default order: the results stay by name.
    assert result_names(client.get(URL))[0] == "Alpha telephony"


# The filter panel ---------------------------------------------------------------------------


def test_results_come_before_the_filters_and_the_mission_filters_before_categories(
    client, catalogue
):
    html = client.get(URL).content.decode()

    order = [
        'id="results-count"',
        'id="filters"',
        "Where the service is delivered</legend>",
        "Supplier size</legend>",
        "Social value</legend>",
        "What you want to buy</legend>",
        'for="id_framework"',
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert '<a class="govuk-link" href="#filters">Filter results</a>' in html
    social = html[html.index("Social value</legend>") : html.index("What you want to buy")]
    assert "Voluntary, community and social enterprises (VCSE) only (2)" in social
    assert "Apply filters" in social  # no need to scroll past the categories to apply


def details(html: str, summary: str) -> str:
    """The GOV.UK details whose summary says ``summary``, from its opening tag."""
    start = html.rindex("<details", 0, html.index(f">{summary}</span>"))
    return html[start : html.index("</details>", start)]


def labels(html: str) -> list[str]:
    """Each checkbox label's words, as a screen reader reads them, in page order."""
    return [
        " ".join(re.sub(r"<[^>]+>", " ", label).split())
        for label in re.findall(r"<label [^>]*>(.*?)</label>", html, re.S)
    ]


def test_a_category_group_shows_its_count_and_its_children(client, catalogue):
    html = client.get(URL).content.decode()

    group = details(html, "Communications (2)")
    assert "open" not in group.split(">", 1)[0]  # closed until the buyer opens it
    assert labels(group) == [
        "All of Communications (2)",
        "Messaging (1)",
        "Telephony (1)",
    ]
    assert "Apply filters" in group
    categories = html[
        html.index("What you want to buy</legend>") : html.index('for="id_framework"')
    ]
    assert labels(categories)[-1] == "Hosting (2)"  # nothing inside it: one box, no group
    assert categories.count("<details") == 1


def test_a_chosen_child_stays_checked_in_its_open_group(client, catalogue):
    response = client.get(URL, {"category": catalogue.child_two.slug})

    assert "1 service found" in text(response)
    # A facet's counts leave out its own choice, so the buyer sees what else is there.
    group = details(response.content.decode(), "Communications (2)")
    assert group.split(">", 1)[0].endswith(" open")
    checked = re.findall(r'value="([^"]+)" checked', group)
    assert checked == [catalogue.child_two.slug]
    chosen = [item["text"] for item in response.context["chosen"]]
    assert chosen == ["Remove filter: Communications: Messaging"]


def test_a_wrong_category_is_an_error_on_the_open_first_group(client, catalogue):
    response = client.get(URL, {"category": "no-such-category"})

    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_category"' in html  # the error summary's link...
    first = details(html, "Communications (2)")
    assert first.split(">", 1)[0].endswith(" open")  # ...reaches a box that is shown
    assert 'id="id_category"' in first
    assert "Choose categories from the list" in text(response)
