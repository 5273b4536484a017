"""Every view says who may use it, and the denials hold."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from marketplace.accounts.models import AllowedBuyerDomain
from tests.factories import BuyerFactory, SupplierUserFactory

# Wagtail's own URL trees enforce their own rules: the admin requires the
# access_admin permission (tested below), documents follow their collection's
# privacy, and page serving follows each page's view restrictions.
WAGTAIL_MODULES = ("wagtail.",)


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_module, "__name__", "")
            if module.startswith(WAGTAIL_MODULES):
                continue
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def test_every_view_declares_who_may_use_it():
    undeclared = [
        route
        for route, view in walk(get_resolver().url_patterns)
        if not getattr(view, "access", None)
        and not view.__module__.startswith((*WAGTAIL_MODULES, "django.views.static"))
    ]

    assert undeclared == []


@pytest.mark.django_db
def test_the_account_page_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("accounts:your-account"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make_user", [BuyerFactory, SupplierUserFactory], ids=["buyer", "supplier"]
)
def test_buyers_and_suppliers_cannot_enter_the_ccs_admin(client, make_user):
    client.force_login(make_user())

    response = client.get("/admin/", follow=True)

    # Wagtail sends them to its sign-in page and says why.
    assert response.redirect_chain[-1][0].startswith("/admin/login/")
    assert "You do not have permission to access the admin" in response.content.decode()


@pytest.mark.django_db
def test_anonymous_visitors_cannot_enter_the_ccs_admin(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert "/admin/login/" in response.url


@pytest.mark.django_db
def test_a_ccs_admin_reaches_the_admin_and_the_allow_list(client):
    from django.contrib.auth.models import Group

    from marketplace.accounts.roles import CCS_ADMINS_GROUP
    from tests.factories import UserFactory

    admin = UserFactory(email="admin@ccs.example.gov.uk")
    admin.groups.add(Group.objects.get(name=CCS_ADMINS_GROUP))
    client.force_login(admin)

    assert client.get("/admin/").status_code == 200
    listing = client.get("/admin/snippets/accounts/allowedbuyerdomain/")
    assert listing.status_code == 200
    assert "nhs.net" in listing.content.decode()


@pytest.mark.django_db
def test_a_ccs_reviewer_cannot_edit_the_allow_list(client):
    from django.contrib.auth.models import Group

    from marketplace.accounts.roles import CCS_REVIEWERS_GROUP
    from tests.factories import UserFactory

    reviewer = UserFactory()
    reviewer.groups.add(Group.objects.get(name=CCS_REVIEWERS_GROUP))
    client.force_login(reviewer)

    response = client.post(
        "/admin/snippets/accounts/allowedbuyerdomain/add/",
        {"domain": "gmail.com", "description": "Anyone at all"},
    )

    # Wagtail refuses by sending them back to the dashboard; the list is unchanged.
    assert (response.status_code, response.url) == (302, "/admin/")
    assert not AllowedBuyerDomain.objects.filter(domain="gmail.com").exists()
