"""Helpers for tests of the CCS screens in the Wagtail admin."""

from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from marketplace.accounts.roles import CCS_ADMINS_GROUP, CCS_REVIEWERS_GROUP
from tests.factories import UserFactory


def member_of(group_name: str):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


def refused(response) -> bool:
    """Wagtail answers a missing permission with a 403 or by sending the user to
    the admin login or dashboard, never with the page itself."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response.url.startswith(
        (reverse("wagtailadmin_login"), reverse("wagtailadmin_home"))
    )


def messages_of(response) -> list[str]:
    """The admin's messages as text (Wagtail renders them as escaped HTML)."""
    return [unescape(str(message)).strip() for message in response.context["messages"]]


@pytest.fixture(
    name="ccs_client", params=[CCS_REVIEWERS_GROUP, CCS_ADMINS_GROUP], ids=["reviewer", "admin"]
)
def ccs_client_fixture(request, client):
    """A client signed in as a CCS reviewer, then as a CCS admin. Import it into
    a test module to use it there as ``ccs_client``."""
    client.force_login(member_of(request.param))
    return client
