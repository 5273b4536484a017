"""The database executor: filters, facet counts, ranking, stemming, synonyms, stuffing.

Marked smoke, so it runs on SQLite (FTS5) in the embedded-default run as well as
on PostgreSQL (tsvector) in the main run: both full-text back ends pass the same tests.
"""

from decimal import Decimal

import pytest

from listings import services as listing_services
from search.database import search_database
from search.models import SearchEntry, SearchEntryValue
from search.request import FACETS, SearchRequest
from search.services import search_entries_rebuild, search_entry_refresh
from tests.factories import LotFactory, category_make
from tests.search.catalogue import catalogue_make, offer

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def names(result) -> list[str]:
    return [hit.document["name"] for hit in result.hits]


def counts(result, facet: str) -> dict[str, int]:
    """Counted values; the size facet's "sme" total is checked on its own below."""
    return {value.value: value.count for value in result.facets[facet] if value.value != "sme"}


def test_the_size_facet_leads_with_the_sme_total(catalogue):
    sizes = search_database(SearchRequest()).facets["size"]
    bands = {value.value: value.count for value in sizes}
    assert sizes[0].value == "sme" and sizes[0].label == "SME (micro, small or medium)"
    assert bands["sme"] == sum(bands.get(band, 0) for band in ("micro", "small", "medium"))


@pytest.fixture
def catalogue():
    made = catalogue_make()
    search_entries_rebuild()
    return made


# Filters ---------------------------------------------------------------------------------
#            size    VCSE  based in  regions   accreditations      integrations  price
#   alpha    micro   yes   TLC       TLC       cyber-essentials    pay           10, online
#   bravo    small   no    TLD       TLC TLD   cyber-ess, iso      pay, notify   50, no standards
#   charlie  medium  yes   TLI       whole UK  -                   -             200, online
#   delta    large   no    TLI       TLI       iso-27001           -             1000


def test_no_filters_lists_everything_by_name(catalogue):
    result = search_database(SearchRequest())

    assert result.total == 4
    assert result.executor == "database"
    assert names(result) == [
        "Alpha telephony",
        "Bravo messaging",
        "Charlie hosting",
        "Delta hosting",
    ]


@pytest.mark.parametrize(
    ("request_fields", "expected"),
    [
        ({"sizes": ("micro",)}, ["Alpha telephony"]),
        ({"sizes": ("sme",)}, ["Alpha telephony", "Bravo messaging", "Charlie hosting"]),
        ({"sizes": ("large", "micro")}, ["Alpha telephony", "Delta hosting"]),
        ({"vcse": True}, ["Alpha telephony", "Charlie hosting"]),
        ({"based_in": ("TLI",)}, ["Charlie hosting", "Delta hosting"]),
        ({"based_in": ("TLC", "TLD")}, ["Alpha telephony", "Bravo messaging"]),
        # A service delivered across the whole UK serves every region.
        ({"regions": ("TLC",)}, ["Alpha telephony", "Bravo messaging", "Charlie hosting"]),
        ({"regions": ("TLD", "TLI")}, ["Bravo messaging", "Charlie hosting", "Delta hosting"]),
        ({"regions": ("TLK",)}, ["Charlie hosting"]),
        # Accreditations and integrations: all of those asked for.
        ({"accreditations": ("cyber-essentials",)}, ["Alpha telephony", "Bravo messaging"]),
        ({"accreditations": ("cyber-essentials", "iso-27001")}, ["Bravo messaging"]),
        ({"integrations": ("govuk-pay",)}, ["Alpha telephony", "Bravo messaging"]),
        ({"integrations": ("govuk-pay", "govuk-notify")}, ["Bravo messaging"]),
        ({"open_standards": True}, ["Alpha telephony", "Charlie hosting", "Delta hosting"]),
        ({"apprenticeships": True}, ["Alpha telephony", "Delta hosting"]),
        ({"buy_online": True}, ["Alpha telephony", "Charlie hosting"]),
        (
            {"price_min": Decimal(50), "price_max": Decimal(200)},
            ["Bravo messaging", "Charlie hosting"],
        ),
        ({"price_max": Decimal("9.99")}, []),
        ({"vcse": True, "regions": ("TLI",)}, ["Charlie hosting"]),
    ],
)
def test_each_filter(catalogue, request_fields, expected):
    result = search_database(SearchRequest(**request_fields))

    assert names(result) == expected
    assert result.total == len(expected)


def test_framework_lot_and_category_filters(catalogue):
    c = catalogue
    first = search_database(SearchRequest(framework=c.first.slug))
    lot = search_database(SearchRequest(lot=c.lot_value(c.lot_two)))
    parent = search_database(SearchRequest(categories=(c.parent.slug,)))
    child = search_database(SearchRequest(categories=(c.child_two.slug,)))

    assert names(first) == ["Alpha telephony", "Bravo messaging"]
    assert names(lot) == ["Charlie hosting", "Delta hosting"]
    assert names(parent) == ["Alpha telephony", "Bravo messaging"]  # a parent includes children
    assert names(child) == ["Bravo messaging"]


def test_sort_by_price_and_paging(catalogue):
    by_price = search_database(SearchRequest(sort="price"))
    page_two = search_database(SearchRequest(sort="price", page=2, page_size=3))

    assert [hit.document["price"] for hit in by_price.hits] == [10.0, 50.0, 200.0, 1000.0]
    assert names(page_two) == ["Delta hosting"]
    assert page_two.total == 4


# Facets ----------------------------------------------------------------------------------


def test_facet_counts_apply_every_other_facets_filter(catalogue):
    result = search_database(SearchRequest(regions=("TLC",), sizes=("small", "medium")))

    assert names(result) == ["Bravo messaging", "Charlie hosting"]
    # Regions are counted under the size filter only (bravo, charlie)...
    assert counts(result, "region")["TLC"] == 2
    assert counts(result, "region")["TLD"] == 2
    assert counts(result, "region")["TLI"] == 1
    # ...sizes under the region filter only (alpha, bravo, charlie)...
    assert counts(result, "size") == {"micro": 1, "small": 1, "medium": 1}
    # ...and every other facet under both.
    assert counts(result, "vcse") == {"true": 1}
    assert counts(result, "framework") == {catalogue.first.slug: 1, catalogue.second.slug: 1}
    assert counts(result, "based_in") == {"TLD": 1, "TLI": 1}
    assert set(result.facets) == set(FACETS)


def test_facets_other_filters_narrow_every_count(catalogue):
    result = search_database(SearchRequest(price_max=Decimal(100), open_standards=True))

    assert names(result) == ["Alpha telephony"]
    assert counts(result, "size") == {"micro": 1}
    assert counts(result, "category") == {catalogue.parent.slug: 1, catalogue.child_one.slug: 1}


def test_chosen_values_stay_listed_at_nought(catalogue):
    result = search_database(SearchRequest(regions=("TLC",), sizes=("large",)))

    assert result.total == 0
    assert counts(result, "region") == {"TLI": 1, "TLC": 0}  # TLC chosen, so still shown
    assert counts(result, "size") == {"micro": 1, "small": 1, "medium": 1, "large": 0}
    assert [value.value for value in result.facets["size"]] == [
        "sme",
        "micro",
        "small",
        "medium",
        "large",
    ]
    assert result.facets["framework"] == []


def test_facet_values_have_plain_english_labels(catalogue):
    result = search_database(SearchRequest(framework=catalogue.first.slug))

    def labels(facet):
        return {value.value: value.label for value in result.facets[facet]}

    assert labels("region")["TLC"] == "North East"
    assert labels("size") == {
        "sme": "SME (micro, small or medium)",
        "micro": "Micro",
        "small": "Small",
    }
    assert labels("framework") == {
        catalogue.first.slug: "Cloud Services 1",
        catalogue.second.slug: "Cloud Services 2",
    }
    lot = catalogue.lot_one
    assert labels("lot") == {
        catalogue.lot_value(lot): f"Lot {lot.number}: {lot.name} (Cloud Services 1)"
    }
    assert labels("category")[catalogue.parent.slug] == "Communications"
    assert labels("accreditation")["cyber-essentials"] == "Cyber Essentials"
    assert labels("integration")["govuk-notify"] == "GOV.UK Notify"
    assert labels("vcse") == {"true": "Voluntary, community or social enterprise (VCSE)"}
    assert labels("buy_online") == {"true": "Can be bought online by card"}


def test_all_of_facets_count_under_their_own_filter_removed(catalogue):
    result = search_database(SearchRequest(accreditations=("cyber-essentials", "iso-27001")))

    assert names(result) == ["Bravo messaging"]
    assert counts(result, "accreditation") == {"cyber-essentials": 2, "iso-27001": 2}
    assert counts(result, "integration") == {"govuk-pay": 1, "govuk-notify": 1}


# Full text -------------------------------------------------------------------------------


def _field_offers():
    """Five listings that each say 'telephony' in exactly one field, the rest alike."""
    plain = category_make("Managed services")
    telephony = category_make("Telephony services")
    lot = LotFactory(categories=[plain, telephony])
    texts = {
        "in name": {"name": "Telephony for councils"},
        "in categories": {"categories": [telephony]},
        "in summary": {"summary": "A managed service for public bodies with telephony included."},
        "in features": {"features": ["Monthly reports", "Named telephony manager"]},
        "in description": {
            "description": "We run the service for you. Our team answers telephony questions."
        },
    }
    for label, text in texts.items():
        fields = {"name": f"Service for councils ({label})", "categories": [plain], **text}
        fields["name"] = fields["name"] if label == "in name" else f"Service {label}"
        offer(lot=lot, **fields)
    search_entries_rebuild()


def test_ranking_follows_the_field_boosts():
    _field_offers()

    result = search_database(SearchRequest(keywords="telephony"))

    assert names(result) == [
        "Telephony for councils",
        "Service in categories",
        "Service in summary",
        "Service in features",
        "Service in description",
    ]
    scores = [hit.score for hit in result.hits]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == 5


def test_words_are_stemmed_as_english():
    offer(name="Backups for schools", summary="Nightly hosted copies of every file.")
    search_entries_rebuild()

    for keywords in ("backup", "school backups", "hosting", "copy", "nightly files"):
        result = search_database(SearchRequest(keywords=keywords))
        assert names(result) == ["Backups for schools"], keywords


def test_every_word_must_match_in_some_field_and_stop_words_are_ignored():
    offer(name="Cloud backup", summary="For schools and academies across England.")
    offer(name="Cloud hosting", summary="For councils.")
    search_entries_rebuild()

    both = search_database(SearchRequest(keywords="backup for the schools"))
    one = search_database(SearchRequest(keywords="cloud"))
    neither = search_database(SearchRequest(keywords="backup councils"))
    only_stop_words = search_database(SearchRequest(keywords="the and of"))

    assert names(both) == ["Cloud backup"]  # 'backup' in the name, 'schools' in the summary
    assert sorted(names(one)) == ["Cloud backup", "Cloud hosting"]
    assert not both.relaxed and not one.relaxed
    # No listing holds both words: the search relaxes to the one word most listings hold
    # (a tie, so the buyer's first word), and says which.
    assert names(neither) == ["Cloud backup"]
    assert (neither.relaxed, neither.matched_words) == (True, ("backup",))
    assert only_stop_words.total == 0


def test_synonyms_widen_the_search_but_rank_below_the_buyers_own_word():
    offer(name="Microsoft 365 for schools")
    offer(name="Email for schools")
    offer(name="Teams and exchange", summary="Microsoft support, plus Office 365 training.")
    offer(name="Cloud hosting")
    search_entries_rebuild()

    result = search_database(SearchRequest(keywords="email"))

    assert names(result)[0] == "Email for schools"
    assert set(names(result)) == {
        "Email for schools",
        "Microsoft 365 for schools",
        "Teams and exchange",  # 'exchange' in the name; 'office 365' in the summary
    }


def test_a_synonym_phrase_needs_all_its_words_in_one_field():
    offer(name="Microsoft consulting", summary="Migration in 365 days.")
    search_entries_rebuild()

    assert search_database(SearchRequest(keywords="email")).total == 0


def test_repeating_a_word_gains_nothing():
    honest_text = "We copy your files every night. Staff restore a lost backup from a web page."
    stuffed_text = (
        "We copy your files every night. Staff restore a lost backup from a web page. "
        "Backup backup, backup: backup. Backup!"
    )
    offer(name="Honest service", description=honest_text)
    offer(name="Stuffed service", description=stuffed_text)
    offer(name="Unrelated service")  # so that 'backup' is not in every listing
    search_entries_rebuild()

    result = search_database(SearchRequest(keywords="backup"))

    scores = {hit.document["name"]: hit.score for hit in result.hits}
    assert scores["Stuffed service"] == pytest.approx(scores["Honest service"])
    assert names(result) == ["Honest service", "Stuffed service"]  # a tie goes by name


def test_highlights_escape_the_text_and_mark_the_words():
    offer(
        name="Backup <b>for</b> schools",
        summary="Nightly backups & restores.",
        description="First sentence says nothing. Second one mentions backup. Third too: backups.",
    )
    search_entries_rebuild()

    hit = search_database(SearchRequest(keywords="backup")).hits[0]

    assert hit.highlights["name"] == ["<mark>Backup</mark> &lt;b&gt;for&lt;/b&gt; schools"]
    assert hit.highlights["summary"] == ["Nightly <mark>backups</mark> &amp; restores."]
    assert hit.highlights["description"] == [
        "Second one mentions <mark>backup</mark>.",
        "Third too: <mark>backups</mark>.",
    ]


def test_keywords_combine_with_filters_and_facets(catalogue):
    result = search_database(SearchRequest(keywords="hosting", sizes=("large",)))

    assert names(result) == ["Delta hosting"]
    assert counts(result, "size") == {"medium": 1, "large": 1}


# Keeping the entries in step -------------------------------------------------------------


def test_entries_follow_publishing_and_withdrawal(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        listing = offer(name="Cloud backup for schools")

    assert SearchEntry.objects.filter(pk=listing.pk).exists()
    assert search_database(SearchRequest(keywords="backup")).total == 1

    with django_capture_on_commit_callbacks(execute=True):
        listing_services.listing_withdraw(actor=listing.created_by, listing=listing)

    assert not SearchEntry.objects.filter(pk=listing.pk).exists()
    assert not SearchEntryValue.objects.filter(entry_id=listing.pk).exists()
    assert search_database(SearchRequest(keywords="backup")).total == 0


def test_refresh_rewrites_changed_text():
    listing = offer(name="Cloud backup for schools")
    search_entry_refresh(listing_id=listing.pk)
    SearchEntry.objects.filter(pk=listing.pk).update(text_name="archive")  # stale on purpose

    assert search_entry_refresh(listing_id=listing.pk) is True
    assert search_database(SearchRequest(keywords="backup")).total == 1


def test_rebuild_reports_progress_and_skips_unpublished():
    offer(name="Published one")
    offer(name="Published two")
    progress = []

    written = search_entries_rebuild(progress=lambda done, total: progress.append((done, total)))

    assert written == 2
    assert progress[-1] == (2, 2)
    assert SearchEntry.objects.count() == 2


@pytest.mark.parametrize(
    "keywords",
    ['"unclosed', "AND OR NOT", "NEAR(backup, 2)", "backup*", "back-up ^ col:x", "café 365 £"],
)
def test_search_syntax_in_keywords_is_read_as_plain_words(keywords):
    offer(name="Back up for cafés")
    search_entries_rebuild()

    result = search_database(SearchRequest(keywords=keywords))

    assert result.executor == "database"  # no error from FTS5 or tsquery syntax
