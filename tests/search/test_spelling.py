"""'Did you mean' on the results page: the link, the store it comes from, the fallback."""

import re

import pytest
from django.urls import reverse

from search.engine_index import search_index_rebuild
from search.executor import search_run
from search.models import SpellingWord
from search.request import SearchRequest, SearchResult
from search.services import search_entries_rebuild
from search.spelling import spelling_suggest
from tests.search.catalogue import offer

pytestmark = pytest.mark.django_db

URL = reverse("search:results")


@pytest.fixture
def catalogue(settings):
    settings.SEARCH_ENGINE = "database"  # build the listings without any engine
    made = [
        offer(name="Payroll for schools", regions=("TLC",)),
        offer(name="Payroll bureau", regions=("TLD",)),
        offer(name="Managed firewall", summary="Cyber security for councils."),
    ]
    search_entries_rebuild()
    return made


def did_you_mean(response) -> str | None:
    found = re.search(r'<p class="govuk-body" id="did-you-mean">(.*?)</p>', response.text, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", found.group(1))) if found else None


@pytest.mark.smoke
def test_a_misspelling_offers_the_corrected_search_with_the_buyer_s_filters(client, catalogue):
    response = client.get(URL, {"q": "pyroll", "region": "TLC", "page": "1"})

    assert response.status_code == 200
    assert did_you_mean(response) == "Did you mean payroll?"
    # The link keeps the region, starts at the first page and comes before the count.
    href = f"{URL}?q=payroll&amp;region=TLC"
    assert f'<a class="govuk-link govuk-!-font-weight-bold" href="{href}">payroll</a>' in (
        response.text
    )
    assert response.text.index('id="did-you-mean"') < response.text.index('id="results-count"')

    corrected = client.get(URL, {"q": "payroll", "region": "TLC"})

    assert [hit.document["name"] for hit in corrected.context["result"].hits] == [
        "Payroll for schools"
    ]
    assert did_you_mean(corrected) is None


@pytest.mark.smoke
def test_a_multi_word_search_corrects_only_the_misspelt_word(client, catalogue):
    response = client.get(URL, {"q": "Cyber securty"})

    assert did_you_mean(response) == "Did you mean Cyber security?"
    assert response.context["did_you_mean"]["href"] == f"{URL}?q=Cyber+security"


@pytest.mark.smoke
@pytest.mark.parametrize("keywords", ["payroll", "cyber security", "", "zzzz"])
def test_no_suggestion_when_the_words_are_spelt_right_or_nothing_is_close(
    client, catalogue, keywords
):
    response = client.get(URL, {"q": keywords})

    assert response.status_code == 200
    assert did_you_mean(response) is None
    assert "Did you mean" not in response.text


@pytest.mark.opensearch
def test_when_the_engine_answers_the_suggestion_is_the_engine_s(search_engine, catalogue, settings):
    settings.SEARCH_ENGINE = "opensearch"
    search_index_rebuild()
    SpellingWord.objects.all().delete()  # the database could not suggest anything now
    request = SearchRequest(keywords="firewal")

    result = search_run(request)
    spelling = spelling_suggest(search=request, result=result)

    assert result.executor == "engine"
    assert spelling is not None
    assert spelling.corrections == (("firewal", "firewall"),)


@pytest.mark.opensearch
def test_a_correct_word_asks_the_engine_and_gets_no_suggestion(search_engine, catalogue, settings):
    settings.SEARCH_ENGINE = "opensearch"
    search_index_rebuild()
    request = SearchRequest(keywords="managed firewall")
    result = search_run(request)

    assert result.executor == "engine"
    assert spelling_suggest(search=request, result=result) is None


def test_nothing_is_corrected_when_every_word_matched_something(catalogue):
    # "payrol" is how the English stemmer spells "payroll", so the search found the
    # payroll services: a buyer's word the catalogue does not use as written is not
    # "corrected" when the search could use it (on the demo catalogue, "send text
    # messages to parents" was once offered "spend test messages to payments").
    found = SearchResult(total=2, hits=[], facets={}, executor="database")

    assert spelling_suggest(search=SearchRequest(keywords="payrol"), result=found) is None


def test_a_relaxed_search_corrects_only_the_words_it_could_not_match(catalogue):
    relaxed = SearchResult(
        total=1,
        hits=[],
        facets={},
        executor="database",
        relaxed=True,
        matched_words=("firewal",),
    )

    spelling = spelling_suggest(search=SearchRequest(keywords="firewal securty"), result=relaxed)

    assert spelling is not None
    assert spelling.corrections == (("securty", "security"),)
    assert spelling.keywords == "firewal security"


def test_while_the_engine_is_down_the_database_suggests(client, catalogue, settings, silent_engine):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = silent_engine.url
    settings.SEARCH_ENGINE_TIMEOUT = 0.5

    response = client.get(URL, {"q": "firewal"})

    assert response.context["result"].fell_back is True
    assert did_you_mean(response) == "Did you mean firewall?"
    assert "Search is running in a simpler mode" in response.text


def test_a_search_spelt_right_never_asks_the_engine_s_suggester(catalogue, settings, silent_engine):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = silent_engine.url
    answered = SearchResult(total=2, hits=[], facets={}, executor="engine")

    spelling = spelling_suggest(
        search=SearchRequest(keywords="Payroll for schools"), result=answered
    )

    assert spelling is None
    assert silent_engine.connections() == 0  # the vocabulary knew every word


def test_if_the_engine_answers_the_search_but_not_the_suggester_the_database_does(
    catalogue, settings, silent_engine
):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = silent_engine.url
    settings.SEARCH_ENGINE_TIMEOUT = 0.5
    answered = SearchResult(total=0, hits=[], facets={}, executor="engine")

    spelling = spelling_suggest(search=SearchRequest(keywords="pyroll"), result=answered)

    assert spelling is not None
    assert spelling.keywords == "payroll"
    assert silent_engine.connections() == 1  # the engine was asked first
