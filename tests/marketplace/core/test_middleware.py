"""The security headers: a Content-Security-Policy whose nonce is on the layout's
scripts, and no-store on every page a signed-in person sees."""

import re

import pytest
from django.urls import reverse

from tests.factories import BuyerFactory, CcsReviewerFactory, SupplierUserFactory

pytestmark = pytest.mark.django_db

NONCE = re.compile(r"'nonce-([A-Za-z0-9_-]+)'")


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def test_the_policy_allows_only_the_layouts_own_scripts_by_nonce(client):
    response = client.get("/")

    policy = directives(response)
    nonce = NONCE.fullmatch(policy["script-src"].split()[-1]).group(1)
    assert policy["script-src"] == f"'self' 'nonce-{nonce}'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    scripts = re.findall(r"<script\b([^>]*)>", response.content.decode())
    assert scripts == [f' nonce="{nonce}"', f' type="module" nonce="{nonce}"']


def test_each_response_gets_a_fresh_nonce(client):
    first = directives(client.get("/"))["script-src"]
    second = directives(client.get("/"))["script-src"]

    assert first != second


def test_error_pages_carry_the_policy_and_the_nonce(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    nonce = NONCE.search(response["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">' in response.content.decode()


def test_the_wagtail_admin_gets_its_own_looser_policy(client):
    client.force_login(CcsReviewerFactory())

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"


def test_an_anonymous_visitors_pages_may_be_cached(client):
    response = client.get("/")

    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    ("make_user", "path"),
    [
        (BuyerFactory, "/"),
        (BuyerFactory, "/account/"),
        (BuyerFactory, "/search/"),
        (SupplierUserFactory, "/supplier/"),
        (SupplierUserFactory, "/no-such-page/"),
        (CcsReviewerFactory, "/admin/"),
    ],
    ids=["buyer home", "buyer account", "buyer search", "supplier", "not found", "admin"],
)
def test_every_page_a_signed_in_person_sees_is_not_stored(client, make_user, path):
    client.force_login(make_user())

    response = client.get(path)

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "public" not in cache_control
