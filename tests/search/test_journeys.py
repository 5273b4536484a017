"""The guided journeys end in results: on the demo catalogue every answer combination
either finds services or offers a next step that does; the region question filters on
where the service is delivered; the needs search the right things."""

import itertools
import re
import uuid
from dataclasses import replace
from functools import cache

import pytest
from django.http import QueryDict

from marketplace.demo import loaders
from search.database import search_database
from search.engine_client import engine_client
from search.engine_executor import search_engine_run
from search.engine_index import search_index_rebuild
from search.filters import ListingSearchFilterSet
from search.journeys import (
    JOURNEYS,
    NEEDS,
    journey_next_steps,
    journey_query,
    journey_questions,
    journey_total,
)
from search.relevance import SYNONYMS
from search.services import search_entries_rebuild
from tests.search.catalogue import offer

pytestmark = pytest.mark.django_db

ALL = 5000  # more than the demo catalogue holds


@pytest.fixture(autouse=True)
def database_search(settings):
    settings.SEARCH_ENGINE = "database"


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def guide(client, slug: str, **answers):
    return client.get(f"/search/guides/{slug}/", {**answers, "answered": "yes"})


# Without the demo catalogue -------------------------------------------------------------


def test_the_needs_search_buyer_words_or_categories():
    for need in NEEDS.values():
        query = journey_query([need])
        if "q" in query:
            assert set(query) == {"q"}, need.value
            assert query["q"] in SYNONYMS, need.value  # buyer words the synonym list widens
        else:
            assert set(query) == {"category"}, need.value
    assert journey_query([NEEDS["payroll"]]).urlencode() == (
        "category=human-resources-and-employee-management-payroll"
        "&category=human-resources-and-employee-management"
    )


def test_the_region_question_asks_where_the_service_is_needed(client):
    page = text(client.get("/search/guides/school/"))

    assert "Which region do you need the service in?" in page
    assert "Services delivered across the whole UK count in every region." in page
    assert "Anywhere in the UK" in page
    assert "North West" in page
    assert "based in" not in page


def test_the_region_answer_filters_on_the_region_served_not_the_head_office(client):
    # Delivered in the North West by a supplier that records no head office region.
    backup = offer(name="Cloud backup for schools", regions=("TLD",), based_in=None)
    search_entries_rebuild()

    response = guide(client, "school", need="backup", region="TLD", kind="any")

    assert response.status_code == 302
    assert response["Location"] == "/search/?region=TLD&q=backup"
    results = client.get(response["Location"])
    assert "1 service found" in text(results)
    assert f'href="/services/{backup.pk}/"' in results.content.decode()


def test_answers_that_find_nothing_offer_the_searches_that_do(client):
    offer(name="Cloud backup for schools", regions=("TLD",), size="large")
    search_entries_rebuild()

    # Backup in the North East from a small business: the one backup service is in the
    # North West, from a large company.
    response = guide(client, "school", need="backup", region="TLC", kind="sme")

    assert response.status_code == 200
    page = text(response)
    assert "No services match all your answers" in page
    assert "What do you need? Backing up files and systems" in page
    assert "Which region do you need the service in? North East" in page
    html = response.content.decode()
    # Dropping the region alone still finds nothing (it is from a large company), and so
    # does dropping the size alone (it is not in the North East): the need on its own does.
    assert "Show services in any region" not in page
    assert "Show services from every kind of supplier" not in page
    assert (
        '<a class="govuk-link" href="/search/?q=backup">Show every service for what you need</a>'
        " (1 service)"
    ) in html
    assert '<a class="govuk-link" href="/search/guides/school/">Change your answers</a>' in html


def test_a_next_step_drops_one_answer_when_that_is_enough(client):
    offer(name="Cloud backup for schools", regions=("TLD",), size="small")
    search_entries_rebuild()

    response = guide(client, "school", need="backup", region="TLC", kind="sme")

    html = response.content.decode()
    assert (
        '<a class="govuk-link" href="/search/?size=sme&amp;q=backup">'
        "Show services in any region</a> (1 service)"
    ) in html
    assert "Show services from every kind of supplier" not in html
    followed = client.get("/search/?size=sme&q=backup")
    assert "1 service found" in text(followed)


def test_a_need_the_catalogue_has_nothing_for_says_so(client):
    response = guide(client, "school", need="email", region="anywhere", kind="any")

    assert response.status_code == 200
    page = text(response)
    assert "No services match all your answers" in page
    assert "There are no services for what you need yet." in page


def test_a_platform_is_offered_only_while_a_service_works_with_it(client):
    offer(name="Parking permits", regions=("TLD",))
    search_entries_rebuild()
    assert "Must it work with a government platform" not in text(
        client.get("/search/guides/council/")
    )

    offer(name="Online payments for councils", integrations=["govuk-pay"])
    search_entries_rebuild()
    page = text(client.get("/search/guides/council/"))

    assert "Must it work with a government platform you already use?" in page
    assert "GOV.UK Pay, to take payments" in page
    assert "GOV.UK Notify" not in page
    assert "Public Services Network" not in page


# On the demo catalogue ------------------------------------------------------------------


EXECUTORS = {"database": search_database, "engine": search_engine_run}


@pytest.fixture(params=["database", pytest.param("engine", marks=pytest.mark.opensearch)])
def demo_catalogue(request, settings):
    """The demo catalogue's listings, in the database executor's entries and, for the
    engine, in an index under a prefix of this test's own (deleted afterwards)."""
    # The demo catalogue's steps of load_demo_data, without the feedback, orders and
    # strategies the guides never read (a third of the time).
    for step in (
        loaders.categories_load,
        loaders.frameworks_load,
        loaders.suppliers_load,
        loaders.supplier_profiles_load,
        loaders.listings_load,
    ):
        step(lambda line: None)
    search_entries_rebuild()
    _ids.cache_clear()
    if request.param == "database":
        yield request.param
        return
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = request.getfixturevalue("opensearch_url")
    prefix = f"{settings.SEARCH_INDEX_PREFIX}-guides-{uuid.uuid4().hex[:8]}"
    settings.SEARCH_INDEX_PREFIX = prefix
    settings.SEARCH_ENGINE_TIMEOUT = 5.0  # about answers, not speed (see conftest.search_engine)
    search_index_rebuild()
    yield request.param
    engine_client().indices.delete(index=f"{prefix}*", expand_wildcards="all")


@cache
def _ids(executor: str, name: str, values: tuple[str, ...]) -> frozenset[int]:
    """The listings one search parameter finds on its own, from the executor."""
    query = QueryDict(mutable=True)
    query.setlist(name, list(values))
    request = ListingSearchFilterSet(query).search_request()
    result = EXECUTORS[executor](replace(request, page_size=ALL))
    assert result.total == len(result.hits) < ALL, (name, values)
    return frozenset(hit.listing_id for hit in result.hits)


def _counter(executor: str):
    def found(query: QueryDict) -> int:
        """How many services the search finds: what every parameter finds, as the search
        ANDs its keywords and filters (checked against the executor itself below)."""
        ids: frozenset[int] | None = None
        for name in query:
            alone = _ids(executor, name, tuple(query.getlist(name)))
            ids = alone if ids is None else ids & alone
        return len(ids) if ids is not None else ALL

    return found


def test_every_guide_answer_combination_on_the_demo_catalogue_ends_in_services(
    client, demo_catalogue
):
    _found = _counter(demo_catalogue)
    dead_ends, walked = [], []
    asked = {journey.slug: journey_questions(journey) for journey in JOURNEYS}
    for journey in JOURNEYS:
        questions = [question for question, _ in asked[journey.slug]]
        for answers in itertools.product(*(choices for _, choices in asked[journey.slug])):
            query = journey_query(answers)
            search = ListingSearchFilterSet(QueryDict(query.urlencode()))
            assert search.is_valid(), (journey.slug, query, search.form.errors)
            found = _found(query)
            walked.append((journey, answers, query, found))
            if not found:
                dead_ends.append((journey, answers))
                steps = journey_next_steps(questions, list(answers), total=_found)
                assert steps, (journey.slug, query.urlencode())
                assert all(step.total == _found(step.query) >= 1 for step in steps)

    # Each need, asked with no other filter, finds services on its own.
    for journey in JOURNEYS:
        for need in asked[journey.slug][0][1]:
            assert _found(journey_query([need])) >= 1, (journey.slug, need.value)
    # The combinations the catalogue cannot satisfy, identified (each offers a next step).
    print(f"\n{demo_catalogue}: {len(walked)} answer combinations, {len(dead_ends)} find nothing:")
    for slug, group in itertools.groupby(dead_ends, key=lambda dead: dead[0].slug):
        print(f"  {slug}: {len(list(group))}")
    # No demo listing works with a government platform or HSCN, so those are not asked.
    assert [q.name for q, _ in asked["council"]] == ["need", "region", "kind"]
    assert [q.name for q, _ in asked["nhs"]] == ["need", "region", "kind"]
    assert len(walked) == 7 * 13 * 3 + 7 * 13 * 3 + 6 * 13 * 3 + 6 * 3

    # The shortcut above agrees with the executor the site runs, on a sample of every
    # journey (each 40th combination, dead ends included).
    for journey, _answers, query, found in walked[::40]:
        assert journey_total(query) == found, (journey.slug, query.urlencode())

    # And through the pages: a satisfiable answer set lands on its results ...
    response = guide(client, "council", need="payroll", region="TLD", kind="any", platform="none")
    assert response.status_code == 302
    assert response["Location"] == (
        "/search/?category=human-resources-and-employee-management-payroll"
        "&category=human-resources-and-employee-management&region=TLD"
    )
    assert int(text(client.get(response["Location"])).split(" services found")[0].split()[-1])
    # ... and a dead end shows next steps whose links find what they say.
    journey, answers = dead_ends[0]
    questions = [question for question, _ in asked[journey.slug]]
    params = {q.name: answer.value for q, answer in zip(questions, answers, strict=True)}
    response = guide(client, journey.slug, **params)
    assert "No services match all your answers" in text(response)
    links = re.findall(
        r'href="(/search/\?[^"]+)">[^<]+</a> \((\d+) services?\)', response.content.decode()
    )
    assert links
    for href, total in links:
        page = text(client.get(href.replace("&amp;", "&")))
        assert f"{total} service{'s' if total != '1' else ''} found" in page
