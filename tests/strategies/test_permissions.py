"""Only an organisation's own editors and CCS may edit its strategies; editors
submit to CCS through Wagtail's moderation workflow; every step is audited."""

import pytest
from django.contrib.auth.models import Group

from marketplace.accounts.roles import CCS_ADMINS_GROUP, CCS_REVIEWERS_GROUP
from marketplace.core.models import AuditEvent
from strategies.models import ProcurementStrategyPage
from strategies.services import WORKFLOW_NAME, strategy_editors_group_ensure
from tests.factories import BuyerFactory, SupplierUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def edit_url(page) -> str:
    return f"/admin/pages/{page.pk}/edit/"


@pytest.fixture
def alpha_editor(organisations):
    user = UserFactory(email="editor@alpha.example.gov.uk")
    user.groups.add(strategy_editors_group_ensure(organisation=organisations[0]))
    return user


def ccs_user(group_name: str):
    user = UserFactory(email=f"{group_name.split()[1]}@ccs.example.gov.uk")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_each_organisation_gets_its_own_editors_group(organisations):
    alpha, _beta = organisations

    groups = Group.objects.filter(name__startswith="Strategy editors: ")

    assert sorted(groups.values_list("name", flat=True)) == [
        "Strategy editors: Alpha Purchasing",
        "Strategy editors: Beta Purchasing",
    ]
    assert strategy_editors_group_ensure(organisation=alpha) == groups.get(name__contains="Alpha")


def test_an_editor_edits_their_own_organisations_strategy_but_not_another(
    client, alpha_editor, strategies
):
    client.force_login(alpha_editor)

    own = client.get(edit_url(strategies["later"]))
    other = client.get(edit_url(strategies["other"]))
    other_post = client.post(edit_url(strategies["other"]), {"title": "Hijacked"})

    assert own.status_code == 200
    # Wagtail sends an editor away from another organisation's page to the admin home.
    assert (other.status_code, other.url) == (302, "/admin/")
    assert (other_post.status_code, other_post.url) == (302, "/admin/")
    strategies["other"].refresh_from_db()
    assert strategies["other"].title != "Hijacked"
    assert strategies["other"].revisions.count() == 1


def test_an_editor_may_add_a_strategy_only_under_their_own_organisation(
    alpha_editor, organisations
):
    alpha, beta = organisations

    assert alpha.strategy_index.permissions_for_user(alpha_editor).can_add_subpage()
    assert not beta.strategy_index.permissions_for_user(alpha_editor).can_add_subpage()


def test_an_editor_cannot_publish_but_ccs_can(alpha_editor, strategies):
    page = strategies["later"]
    reviewer = ccs_user(CCS_REVIEWERS_GROUP)
    admin = ccs_user(CCS_ADMINS_GROUP)

    assert page.permissions_for_user(alpha_editor).can_edit()
    assert not page.permissions_for_user(alpha_editor).can_publish()
    for user in (reviewer, admin):
        assert page.permissions_for_user(user).can_edit()
        assert page.permissions_for_user(user).can_publish()
        assert strategies["other"].permissions_for_user(user).can_edit()


def test_ccs_staff_reach_the_editor_of_any_strategy(client, strategies):
    client.force_login(ccs_user(CCS_REVIEWERS_GROUP))

    response = client.get(edit_url(strategies["other"]))

    page = response.content.decode()
    assert response.status_code == 200
    # The editor of that very strategy, with its pipeline and a way to publish.
    assert 'value="Beta Purchasing procurement strategy 2026 to 2027"' in page
    assert "Community transport booking" in page
    assert 'name="action-publish"' in page


def test_anonymous_visitors_are_sent_to_sign_in(client, strategies):
    response = client.get(edit_url(strategies["later"]))

    assert response.status_code == 302
    assert "/admin/login/" in response.url


@pytest.mark.parametrize(
    "make_user", [BuyerFactory, SupplierUserFactory], ids=["buyer", "supplier"]
)
def test_buyers_and_suppliers_cannot_edit(client, strategies, make_user):
    user = make_user()
    client.force_login(user)

    response = client.get(edit_url(strategies["later"]))

    # Without admin access they are sent to the admin's sign-in page.
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert not strategies["later"].permissions_for_user(user).can_edit()


def test_draft_to_moderation_to_published_keeps_revisions_and_audits(
    client, alpha_editor, strategies
):
    page = strategies["later"]
    reviewer = ccs_user(CCS_REVIEWERS_GROUP)
    published_before = page.revisions.count()
    draft = page.get_latest_revision_as_object()
    draft.title = "Alpha procurement strategy 2026 to 2027 (revised)"
    revision = draft.save_revision(user=alpha_editor)

    workflow = page.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    workflow.start(page, alpha_editor)
    page.refresh_from_db()

    assert page.workflow_in_progress
    task_state = page.current_workflow_task_state
    assert task_state.task.specific.get_actions(page, alpha_editor) == []
    assert task_state.task.specific.get_actions(page, reviewer)  # approve, request changes
    public = client.get(page.url)
    assert "(revised)" not in public.content.decode()  # not published yet

    task_state.approve(user=reviewer)
    page = ProcurementStrategyPage.objects.get(pk=page.pk)

    assert page.live and page.title.endswith("(revised)")
    assert page.live_revision == revision
    assert page.revisions.count() == published_before + 1  # earlier revisions are kept
    shown = client.get(page.url).content.decode()
    assert "(revised)" in shown and "Last updated" in shown
    actions = set(
        AuditEvent.objects.filter(subject_id=str(page.pk)).values_list("action", flat=True)
    )
    assert {
        "strategy.procurementstrategypage.submitted",
        "strategy.procurementstrategypage.approved",
    } <= actions


def test_an_editor_adding_a_second_strategy_for_a_year_is_told_why_in_the_admin(
    client, alpha_editor, strategies
):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    index = strategies["later"].get_parent()
    url = f"/admin/pages/add/strategies/procurementstrategypage/{index.pk}/"
    client.force_login(alpha_editor)
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Another plan",
            "slug": "another-plan",
            "financial_year": 2026,
            "sections": streamfield([]),
            "pipeline_entries": inline_formset([]),
            "comments": inline_formset([]),
        }
    )

    response = client.post(url, data)

    assert response.status_code == 200  # the form again, not a redirect
    assert "already has a strategy for 2026 to 2027" in response.content.decode()
    assert ProcurementStrategyPage.objects.filter(slug="another-plan").count() == 0

    data["financial_year"] = 2027
    created = client.post(url, data)

    assert created.status_code == 302
    page = ProcurementStrategyPage.objects.get(slug="another-plan")
    assert page.organisation == strategies["later"].organisation and not page.live
    assert AuditEvent.objects.filter(
        action="strategy.procurementstrategypage.created", subject_id=str(page.pk)
    ).exists()
