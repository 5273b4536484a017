"""Buyer vocabulary in the CCS admin: CCS admins add and change entries, audited, and
the next search uses them (no rebuild); nobody else may, and nobody deletes one."""

import pytest
from django.contrib.auth.models import Group

from marketplace.accounts.roles import CCS_ADMINS_GROUP, CCS_REVIEWERS_GROUP
from marketplace.core.models import AuditEvent
from search.database import search_database
from search.models import BuyerPhrase
from search.request import SearchRequest
from search.services import search_entries_rebuild
from tests.factories import BuyerFactory, SupplierUserFactory, UserFactory, category_make
from tests.search.catalogue import offer

pytestmark = pytest.mark.django_db
LIST = "/admin/snippets/catalogue_search/buyerphrase/"


def member_of(group: str):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    return user


def test_a_ccs_admin_adds_a_phrase_and_the_next_search_uses_it(client):
    bins = category_make("Waste collection")
    wanted = offer(name="Waste collection for schools", summary="Weekly collections.")
    search_entries_rebuild()
    assert search_database(SearchRequest(keywords="emptying our bins")).total == 0
    admin = member_of(CCS_ADMINS_GROUP)
    client.force_login(admin)

    response = client.post(
        f"{LIST}add/",
        {
            "phrase": "bins",
            "catalogue_words": "waste collection\nrecycling",
            "categories": [bins.pk],
            "live": "on",
        },
    )

    assert response.status_code == 302
    phrase = BuyerPhrase.objects.get(phrase="bins")
    event = AuditEvent.objects.get(action="search.buyer_phrase.created")
    assert (event.actor, event.subject_id) == (admin, str(phrase.pk))
    assert event.data["catalogue_words"] == ["waste collection", "recycling"]
    assert event.data["categories"] == [bins.slug]
    found = search_database(SearchRequest(keywords="emptying our bins"))
    assert [hit.listing_id for hit in found.hits] == [wanted.pk]


def test_switching_a_phrase_off_is_audited_and_the_next_search_stops_using_it(client):
    offer(name="Waste collection for schools")
    search_entries_rebuild()
    phrase = BuyerPhrase.objects.create(phrase="bins", catalogue_words="waste collection")
    assert search_database(SearchRequest(keywords="bins")).total == 1
    client.force_login(member_of(CCS_ADMINS_GROUP))

    response = client.post(
        f"{LIST}edit/{phrase.pk}/", {"phrase": "bins", "catalogue_words": "waste collection"}
    )

    assert response.status_code == 302
    phrase.refresh_from_db()
    assert phrase.live is False
    event = AuditEvent.objects.get(action="search.buyer_phrase.changed")
    assert event.data["live"] is False
    assert search_database(SearchRequest(keywords="bins")).total == 0


def test_nobody_deletes_a_phrase_not_even_a_ccs_admin(client):
    phrase = BuyerPhrase.objects.create(phrase="bins", catalogue_words="waste collection")
    client.force_login(member_of(CCS_ADMINS_GROUP))

    response = client.post(f"{LIST}delete/{phrase.pk}/")

    # Refused as Wagtail refuses: back to the dashboard.
    assert (response.status_code, response.url) == (302, "/admin/")
    assert BuyerPhrase.objects.filter(pk=phrase.pk).exists()
    assert "delete" not in client.get(f"{LIST}edit/{phrase.pk}/").content.decode().lower()


@pytest.mark.parametrize(
    ("who", "sent_to"),
    [("reviewer", "/admin/"), ("buyer", "/admin/login/"), ("supplier", "/admin/login/")],
)
def test_only_ccs_admins_may_add_or_change_phrases(client, who, sent_to):
    user = {
        "reviewer": lambda: member_of(CCS_REVIEWERS_GROUP),
        "buyer": BuyerFactory,
        "supplier": SupplierUserFactory,
    }[who]()
    phrase = BuyerPhrase.objects.create(phrase="bins", catalogue_words="waste collection")
    client.force_login(user)

    added = client.post(
        f"{LIST}add/", {"phrase": "skips", "catalogue_words": "waste", "live": "on"}
    )
    changed = client.post(
        f"{LIST}edit/{phrase.pk}/", {"phrase": "bins", "catalogue_words": "anything"}
    )

    # A reviewer is sent back to the dashboard; anyone else to the admin's sign-in.
    assert (added.status_code, added.url.split("?")[0]) == (302, sent_to)
    assert (changed.status_code, changed.url.split("?")[0]) == (302, sent_to)
    assert not BuyerPhrase.objects.filter(phrase="skips").exists()
    phrase.refresh_from_db()
    assert (phrase.catalogue_words, phrase.live) == ("waste collection", True)
    assert not AuditEvent.objects.filter(action__startswith="search.buyer_phrase").exists()
