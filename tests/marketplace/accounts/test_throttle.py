"""One sign-in throttle for both doors: the site's sign-in page and the CCS admin's.

Failures count per account and IP address together, so a guesser is locked out of
the account they attack (even with the right password, until the cool-off) while a
colleague at the same office carries on; an address with no account locks the same
way, so the lock says nothing about who has an account.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.db.models import F
from django.urls import reverse

from marketplace.accounts.roles import CCS_ADMINS_GROUP
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SITE = "site"
ADMIN = "admin"
DOORS = [SITE, ADMIN]


def sign_in(client, door: str, email: str, password: str):
    if door == SITE:
        return client.post(reverse("accounts:sign-in"), {"email": email, "password": password})
    return client.post("/admin/login/", {"username": email, "password": password})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def ccs_admin():
    admin = UserFactory(email="target@ccs.example.gov.uk")
    admin.groups.add(Group.objects.get(name=CCS_ADMINS_GROUP))
    return admin


def fail_until_locked(client, settings, door: str, email: str) -> list[int]:
    return [
        sign_in(client, door, email, f"guess {n}").status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]


@pytest.mark.parametrize("door", DOORS)
def test_after_the_limit_the_right_password_is_refused(client, settings, ccs_admin, door):
    statuses = fail_until_locked(client, settings, door, ccs_admin.email)

    locked = sign_in(client, door, ccs_admin.email, PASSWORD)

    assert statuses[-1] == 429
    assert locked.status_code == 429
    assert "too many attempts" in locked.content.decode()
    assert not signed_in(client)


@pytest.mark.parametrize("door", DOORS)
def test_the_lock_ends_after_the_cool_off(client, settings, ccs_admin, door):
    fail_until_locked(client, settings, door, ccs_admin.email)

    # The failures happened longer ago than the cool-off.
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    )
    response = sign_in(client, door, ccs_admin.email, PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


@pytest.mark.parametrize("door", DOORS)
def test_a_colleague_at_the_same_address_is_not_locked_out(client, settings, ccs_admin, door):
    colleague = UserFactory(email="colleague@ccs.example.gov.uk")
    colleague.groups.add(Group.objects.get(name=CCS_ADMINS_GROUP))
    fail_until_locked(client, settings, door, ccs_admin.email)

    response = sign_in(client, door, colleague.email, PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


@pytest.mark.parametrize("door", DOORS)
def test_the_two_doors_share_one_count(client, settings, ccs_admin, door):
    other = ADMIN if door == SITE else SITE
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, door, ccs_admin.email, f"guess {n}")
    sign_in(client, other, ccs_admin.email, "one more guess")

    locked = sign_in(client, door, ccs_admin.email, PASSWORD)

    assert locked.status_code == 429
    assert not signed_in(client)


@pytest.mark.parametrize("door", DOORS)
def test_the_case_of_the_address_does_not_reset_the_count(client, settings, ccs_admin, door):
    fail_until_locked(client, settings, door, ccs_admin.email)

    locked = sign_in(client, door, ccs_admin.email.upper(), PASSWORD)

    assert locked.status_code == 429
    assert not signed_in(client)


@pytest.mark.parametrize("door", DOORS)
def test_an_address_without_an_account_locks_the_same_way(client, settings, ccs_admin, door):
    real = fail_until_locked(client, settings, door, ccs_admin.email)
    client.logout()
    nobody = fail_until_locked(client, settings, door, "nobody@ccs.example.gov.uk")

    again = sign_in(client, door, "nobody@ccs.example.gov.uk", "anything")

    assert nobody == real
    assert again.status_code == 429
    assert "too many attempts" in again.content.decode()
