"""The Wagtail dashboard tells CCS staff what is waiting for them, with links to
the queues, and shows nothing of it to anyone who may not act on them."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from feedback import services as feedback_services
from listings import services as listing_services
from marketplace.accounts.roles import CCS_ADMINS_GROUP
from tests.factories import (
    BuyerFactory,
    CcsReviewerFactory,
    SupplierUserFactory,
    UserFactory,
    listing_make,
)
from tests.feedback.conftest import award_make, content

pytestmark = pytest.mark.django_db

HOME = reverse("wagtailadmin_home")


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def waiting():
    """Two listings submitted for review and one feedback version to moderate."""
    supplier_user = SupplierUserFactory()
    for name in ("Cloud backup for schools", "Payroll for academies"):
        listing = listing_make(supplier_user=supplier_user, name=name)
        listing_services.listing_submit(actor=supplier_user, listing=listing)
    buyer = BuyerFactory()
    award = award_make(buyer=buyer, listing=listing_make(publish=True))
    feedback_services.feedback_create(actor=buyer, content=content(), award=award)


def test_a_ccs_admin_sees_what_is_waiting_with_links_to_the_queues(client, waiting):
    admin = UserFactory()
    admin.groups.add(Group.objects.get(name=CCS_ADMINS_GROUP))
    client.force_login(admin)

    response = client.get(HOME)

    page = text(response)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Waiting for CCS" in page
    assert "2 listings submitted for review" in page
    assert "1 feedback version to moderate" in page
    assert "0 supplier responses to moderate" in page
    assert "0 open disputes" in page
    assert f'href="{reverse("listings_admin:queue")}"' in html
    assert f'href="{reverse("feedback_moderation:queue")}#feedback-waiting"' in html


def test_a_reviewer_sees_the_queues_their_group_may_act_on(client, waiting):
    client.force_login(CcsReviewerFactory())

    page = text(client.get(HOME))

    assert "2 listings submitted for review" in page
    assert "1 feedback version to moderate" in page


def test_staff_who_act_on_no_queue_see_no_panel(client, waiting):
    # Admin access alone (a page editor, say) is not a part in the review work.
    editor = UserFactory()
    group = Group.objects.create(name="Page editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)

    response = client.get(HOME)

    assert response.status_code == 200
    assert "Waiting for CCS" not in text(response)
    assert "submitted for review" not in text(response)


def test_avatars_are_wagtails_own_not_fetched_from_gravatar(client):
    client.force_login(UserFactory(is_superuser=True))

    html = client.get(HOME).content.decode()

    assert "gravatar.com" not in html
    assert "wagtailadmin/images/default-user-avatar.png" in html
