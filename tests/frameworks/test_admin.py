"""CCS staff manage the framework map through Wagtail snippets; nobody else can,
and nothing on the map can be deleted there."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from frameworks.models import Category, Framework, FrameworkUsage
from marketplace.accounts.roles import CCS_ADMINS_GROUP, CCS_REVIEWERS_GROUP
from marketplace.core.models import AuditEvent
from tests.factories import (
    BuyerFactory,
    BuyingOrganisationFactory,
    FrameworkFactory,
    SupplierUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def url(model: str, view: str, *args) -> str:
    return reverse(f"wagtailsnippets_frameworks_{model}:{view}", args=args)


def member_of(group_name: str):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def ccs_admin_client(client):
    client.force_login(member_of(CCS_ADMINS_GROUP))
    return client


@pytest.fixture
def framework():
    return FrameworkFactory(name="Technology Products", slug="technology-products")


def framework_post_data(framework: Framework, **changes) -> dict:
    """Everything the edit form submits, as read from the rendered form: the
    chooser widgets post primary keys, dates are ISO, and the lots inline is a
    formset with its management fields."""
    data = {
        "reference": framework.reference,
        "name": framework.name,
        "slug": framework.slug,
        "owner": framework.owner_id,
        "sectors": framework.sectors,
        "description": framework.description,
        "how_to_buy": framework.how_to_buy,
        "route_to_market": framework.route_to_market,
        "status": framework.status,
        "applications_open": "",
        "applications_close": "",
        "live_from": "",
        "expires": "",
        "previous_iteration": "",
        "disposition": framework.disposition,
        "disposition_target": "",
        "disposition_rationale": framework.disposition_rationale,
        "disposition_date": "",
        "lots-TOTAL_FORMS": "0",
        "lots-INITIAL_FORMS": "0",
        "lots-MIN_NUM_FORMS": "0",
        "lots-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_a_ccs_admin_lists_edits_and_saves_a_framework_with_a_lot(ccs_admin_client, framework):
    cloud = Category.add_root(name="Cloud", slug="cloud")

    listing = ccs_admin_client.get(url("framework", "list"))
    assert listing.status_code == 200
    assert "Technology Products" in listing.text

    form = ccs_admin_client.get(url("framework", "edit", framework.pk))
    assert form.status_code == 200
    for name in ("sectors", "disposition_target", "lots-TOTAL_FORMS", "lots-__prefix__-number"):
        assert f'name="{name}"' in form.text

    response = ccs_admin_client.post(
        url("framework", "edit", framework.pk),
        framework_post_data(
            framework,
            name="Technology Products 3",
            sectors=["health", "education"],
            live_from="2025-04-01",
            disposition="retire",
            disposition_rationale="Demand has moved to the successor.",
            **{
                "lots-TOTAL_FORMS": "1",
                "lots-0-id": "",
                "lots-0-number": "1",
                "lots-0-slug": "hardware",
                "lots-0-name": "Hardware",
                "lots-0-description": "",
                "lots-0-max_categories": "",
                "lots-0-categories": [cloud.pk],
                "lots-0-ORDER": "1",
                "lots-0-DELETE": "",
            },
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    framework.refresh_from_db()
    assert framework.name == "Technology Products 3"
    assert framework.sectors == ["health", "education"]
    assert framework.disposition == "retire"
    assert str(framework.live_from) == "2025-04-01"
    lot = framework.lots.get()
    assert (lot.name, list(lot.categories.all())) == ("Hardware", [cloud])
    event = AuditEvent.objects.get(action="framework_map.framework.changed")
    assert event.subject_id == str(framework.pk)
    assert event.actor.groups.filter(name=CCS_ADMINS_GROUP).exists()


def test_a_ccs_admin_adds_a_category_under_a_parent(ccs_admin_client):
    parent = Category.add_root(name="Technology", slug="technology")

    response = ccs_admin_client.post(
        url("category", "add"),
        {
            "parent": parent.pk,
            "name": "Software",
            "slug": "software",
            "cpv_codes": "48000000, 72000000",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    child = Category.objects.get(slug="software")
    assert child.get_parent() == parent
    assert child.cpv_codes == ["48000000", "72000000"]
    assert AuditEvent.objects.filter(action="framework_map.category.created").exists()
    # Editing changes the node itself; the form no longer offers a parent.
    edit_form = ccs_admin_client.get(url("category", "edit", child.pk))
    assert 'name="parent"' not in edit_form.text
    assert "48000000, 72000000" in edit_form.text


def test_a_category_without_a_parent_is_top_level(ccs_admin_client):
    response = ccs_admin_client.post(
        url("category", "add"),
        {"parent": "", "name": "Estates", "slug": "estates", "cpv_codes": ""},
    )

    assert response.status_code == 302
    assert Category.objects.get(slug="estates").is_root()


def refused(response) -> bool:
    """Wagtail answers a missing permission with a 403 or by sending the user to
    the admin login or dashboard, never with the page itself."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response.url.startswith(
        (reverse("wagtailadmin_login"), reverse("wagtailadmin_home"))
    )


@pytest.mark.parametrize("make_user", [None, BuyerFactory, SupplierUserFactory])
def test_people_outside_ccs_cannot_reach_the_framework_admin(client, framework, make_user):
    if make_user is not None:
        client.force_login(make_user())

    assert refused(client.get(url("framework", "add")))
    assert refused(client.get(url("framework", "edit", framework.pk)))
    response = client.post(
        url("framework", "edit", framework.pk), framework_post_data(framework, name="Hijacked")
    )
    assert refused(response)
    framework.refresh_from_db()
    assert framework.name == "Technology Products"


def test_a_ccs_reviewer_can_look_but_not_edit(client, framework):
    client.force_login(member_of(CCS_REVIEWERS_GROUP))

    assert client.get(url("framework", "list")).status_code == 200
    assert client.get(url("framework", "inspect", framework.pk)).status_code == 200
    assert refused(client.get(url("framework", "add")))
    response = client.post(
        url("framework", "edit", framework.pk), framework_post_data(framework, name="Renamed")
    )

    assert refused(response)
    framework.refresh_from_db()
    assert framework.name == "Technology Products"
    assert not AuditEvent.objects.filter(action__startswith="framework_map.").exists()


@pytest.mark.parametrize("superuser", [False, True], ids=["ccs-admin", "superuser"])
def test_no_delete_url_removes_a_framework(client, framework, superuser):
    user = UserFactory(is_superuser=True) if superuser else member_of(CCS_ADMINS_GROUP)
    client.force_login(user)
    delete_url = url("framework", "delete", framework.pk)

    assert refused(client.get(delete_url))
    assert refused(client.post(delete_url))
    bulk_url = reverse("wagtail_bulk_action", args=["frameworks", "framework", "delete"])
    client.post(f"{bulk_url}?id={framework.pk}")

    assert Framework.objects.filter(pk=framework.pk).exists()
    for page in (url("framework", "list"), url("framework", "edit", framework.pk)):
        assert "/delete/" not in client.get(page).text


@pytest.mark.parametrize("model", ["buyingorganisation", "category"])
def test_organisations_and_categories_cannot_be_deleted_either(client, model):
    # A superuser holds every permission, so only the no-delete policy stops this.
    client.force_login(UserFactory(is_superuser=True))
    instance = (
        BuyingOrganisationFactory()
        if model == "buyingorganisation"
        else Category.add_root(name="Energy", slug="energy")
    )

    assert refused(client.post(url(model, "delete", instance.pk)))
    assert type(instance).objects.filter(pk=instance.pk).exists()


def page_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def usage():
    return FrameworkUsage.objects.create(
        framework=FrameworkFactory(name="G-Cloud III"),
        sector="central-government",
        period="April 2012 to June 2014",
        spend_pence=17200779758,
        transactions=4123,
        source="Cabinet Office G-Cloud spend data",
    )


def test_usage_is_shown_in_pounds_with_sector_names(ccs_admin_client, usage):
    listing = page_text(ccs_admin_client.get(url("frameworkusage", "list")))
    inspect = page_text(ccs_admin_client.get(url("frameworkusage", "inspect", usage.pk)))

    for page in (listing, inspect):
        assert "£172,007,797.58" in page
        assert "Central government" in page
        assert "17200779758" not in page
        assert "central-government" not in page
        assert "pence" not in page


def test_usage_is_edited_in_pounds(ccs_admin_client, usage):
    form = ccs_admin_client.get(url("frameworkusage", "edit", usage.pk))
    assert 'value="172007797.58"' in form.content.decode()

    response = ccs_admin_client.post(
        url("frameworkusage", "edit", usage.pk),
        {
            "framework": usage.framework_id,
            "sector": "health",
            "period": usage.period,
            "spend_pounds": "1250.50",
            "transactions": "12",
            "source": usage.source,
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    usage.refresh_from_db()
    assert (usage.spend_pence, usage.sector) == (125050, "health")


def test_the_framework_list_shows_todays_status_from_the_dates(ccs_admin_client):
    FrameworkFactory(name="Lapsed", status="live", live_from="2020-01-01", expires="2021-01-01")

    page = page_text(ccs_admin_client.get(url("framework", "list")))

    assert re.search(r"Lapsed .*Expired", page)
