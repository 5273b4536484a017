"""The database's "did you mean": its vocabulary kept in step with the listings, and asked.

Marked smoke, so it runs on SQLite (word table and edit distance) in the
embedded-default run as well as on PostgreSQL (pg_trgm) in the main run.
"""

import pytest

from listings import services as listing_services
from search.database_spelling import database_spelling_suggest
from search.models import SpellingWord
from search.services import search_entries_rebuild, search_entry_refresh
from tests.search.catalogue import offer

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def listings_using(word: str) -> int | None:
    found = SpellingWord.objects.filter(word=word).first()
    return found.listings if found else None


def suggested(keywords: str) -> str | None:
    spelling = database_spelling_suggest(keywords=keywords)
    return spelling.keywords if spelling else None


@pytest.fixture
def catalogue():
    made = [
        offer(name="Payroll for schools", summary="Payroll and pensions, run for you."),
        offer(name="Payroll bureau", features=["Monthly payslips"]),
        offer(name="Managed firewall", summary="Cyber security for councils."),
        offer(name="Email for schools", summary="Secure email with backup."),
    ]
    search_entries_rebuild()
    return made


def test_the_rebuild_counts_each_word_once_per_listing_using_it(catalogue):
    assert listings_using("payroll") == 2  # twice in the first listing, once in the second
    assert listings_using("firewall") == 1
    assert listings_using("schools") == 2
    assert listings_using("for") is None  # a stop word is no suggestion
    assert listings_using("payrol") is None  # the words as written, never stemmed


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("payrol", "payroll"),
        ("firewal", "firewall"),
        ("emial", "email"),
        ("cyber securty", "cyber security"),
        ("backp", "backup"),
        ("Payrol for SCHOLS", "payroll for schools"),
    ],
)
def test_a_misspelt_word_is_corrected_from_the_catalogue(catalogue, typed, meant):
    assert suggested(typed) == meant


@pytest.mark.parametrize(
    "keywords", ["payroll", "cyber security", "email backup", "payslip", "quantum", "hr", ""]
)
def test_no_suggestion_for_words_spelt_right_or_with_nothing_close(catalogue, keywords):
    assert suggested(keywords) is None


def test_the_vocabulary_follows_publishing_and_withdrawal(
    catalogue, django_capture_on_commit_callbacks
):
    assert suggested("antivirs") is None

    with django_capture_on_commit_callbacks(execute=True):
        listing = offer(name="Antivirus for councils")

    assert listings_using("antivirus") == 1
    assert suggested("antivirs") == "antivirus"

    with django_capture_on_commit_callbacks(execute=True):
        listing_services.listing_withdraw(actor=listing.created_by, listing=listing)

    assert listings_using("antivirus") is None
    assert suggested("antivirs") is None
    assert listings_using("councils") == 1  # the firewall's summary still uses it


def test_a_refresh_counts_only_the_change(catalogue):
    first, second = catalogue[0], catalogue[1]
    before = dict(SpellingWord.objects.values_list("word", "listings"))

    search_entry_refresh(listing_id=first.pk)
    search_entry_refresh(listing_id=second.pk)

    assert dict(SpellingWord.objects.values_list("word", "listings")) == before
