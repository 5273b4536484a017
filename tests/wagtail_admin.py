"""Helpers for tests of the CCS screens in the Wagtail admin."""

from html import unescape

from django.contrib.auth.models import Group
from django.urls import reverse

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
