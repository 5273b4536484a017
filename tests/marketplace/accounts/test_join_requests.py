"""Joining a buyer organisation: asked for, decided by a member or CCS, never
granted by typing the organisation's name.

Until a request is approved the person sees nothing of the organisation: its
projects, saved searches and feedback are refused as they are to any outsider.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from direct_award import services as direct_award
from feedback import services as feedback_services
from marketplace.accounts.models import BuyerOrganisationJoinRequest, JoinRequestStatus, User
from marketplace.accounts.roles import CCS_ADMINS_GROUP, CCS_REVIEWERS_GROUP
from marketplace.core.models import AuditEvent
from marketplace.core.notifications import absolute_reverse
from tests.factories import (
    BuyerFactory,
    BuyerOrganisationFactory,
    SupplierUserFactory,
    UserFactory,
)
from tests.feedback.conftest import content, declared_make

pytestmark = pytest.mark.django_db
REGISTER = reverse("accounts:register-buyer")
JOIN_REQUESTS = reverse("accounts:join-requests")
CCS_LIST = "/admin/join-requests/"


def answers(email: str, organisation: str = "Department for Education") -> dict:
    return {
        "email": email,
        "full_name": "Sam Jones",
        "organisation_name": organisation,
        "sector": "central-government",
        "password": "a long and unusual passphrase",
    }


@pytest.fixture
def dfe():
    return BuyerOrganisationFactory(
        name="Department for Education",
        sector="central-government",
        email_domains="education.gov.uk",
    )


@pytest.fixture
def member(dfe):
    return BuyerFactory(
        email="ann.member@education.gov.uk", full_name="Ann Member", buyer_organisation=dfe
    )


@pytest.fixture
def ccs_admin():
    admin = UserFactory(email="admin@ccs.example.gov.uk", full_name="Cat Admin")
    admin.groups.add(Group.objects.get(name=CCS_ADMINS_GROUP))
    return admin


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Register and confirm the address, as the person would, running what waits
    for the commit (the e-mails). Returns the person and their request."""

    def run(email: str, organisation: str = "Department for Education"):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(REGISTER, answers(email, organisation))
        (message,) = [m for m in mail.outbox if m.to == [email.lower()]]
        link = re.search(r"https?://[^/]+(/account/confirm/\S+/)", message.body).group(1)
        with django_capture_on_commit_callbacks(execute=True):
            client.get(link)
        user = User.objects.get(email=email.lower())
        return user, user.join_requests.get()

    return run


@pytest.fixture
def work(member):
    """The organisation's project, saved search and feedback waiting for moderation."""
    project = direct_award.project_create(actor=member, name="Pupil data platform 2027")
    saved = direct_award.saved_search_create(
        actor=member, project=project, query_string="q=data", description="'data'"
    )
    contract = declared_make(buyer=member, supplier_user=SupplierUserFactory())
    feedback = feedback_services.feedback_create(
        actor=member, content=content(), declared_contract=contract
    )
    return {
        "projects": reverse("direct_award:projects"),
        "project": reverse("direct_award:project", kwargs={"pk": project.pk}),
        "saved search": reverse("direct_award:saved-search", kwargs={"pk": saved.pk}),
        "feedback": reverse("feedback:yours"),
        "feedback sent": reverse("feedback:sent", kwargs={"pk": feedback.pk}),
    }


def decide(client, join_request, decision: str):
    return client.post(
        reverse("accounts:join-request-decide", kwargs={"pk": join_request.pk}),
        {"decision": decision},
    )


def test_the_reported_attack_another_domain_cannot_join_by_typing_the_name(client, member):
    response = client.post(REGISTER, answers("intruder@leeds.gov.uk"))

    html = response.content.decode()
    assert response.status_code == 400
    assert (
        "Only people with an e-mail address at education.gov.uk can join Department for "
        "Education. Check the name of your organisation, or register with your address there."
    ) in html
    assert 'value="Department for Education"' in html
    assert not User.objects.filter(email="intruder@leeds.gov.uk").exists()
    assert not BuyerOrganisationJoinRequest.objects.exists()
    assert mail.outbox == []


def test_an_organisation_with_no_domains_cannot_be_asked(client):
    BuyerOrganisationFactory(name="Department for Education", email_domains="")

    response = client.post(REGISTER, answers("sam@education.gov.uk"))

    assert response.status_code == 400
    assert (
        "Nobody can join Department for Education through this service yet. Ask someone at "
        "your organisation to contact us so we can add its e-mail domain."
    ) in response.content.decode()
    assert not User.objects.filter(email="sam@education.gov.uk").exists()


def test_a_same_domain_person_waits_and_sees_nothing_until_a_member_approves(
    client, member, work, ask, django_capture_on_commit_callbacks
):
    person, join_request = ask("Sam.Jones@education.gov.uk")

    # The member is asked, with a working link to the page where they decide.
    (to_member,) = [m for m in mail.outbox if m.to == [member.email]]
    assert to_member.subject == "Sam Jones is asking to join Department for Education"
    assert absolute_reverse("accounts:join-requests") in to_member.body
    client.force_login(person)
    account = client.get(reverse("accounts:your-account")).content.decode()
    assert "You are waiting to join Department for Education" in account
    assert "The people who already belong to Department for Education decide" in account
    for name, address in work.items():
        assert client.get(address).status_code == 403, name
    assert client.get(JOIN_REQUESTS).status_code == 403

    client.force_login(member)
    page = client.get(JOIN_REQUESTS).content.decode()
    assert "Sam Jones" in page and "sam.jones@education.gov.uk" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, join_request, "approve")

    assert response.status_code == 302
    assert (
        "Sam Jones now belongs to Department for Education"
        in client.get(response.url).content.decode()
    )
    join_request.refresh_from_db()
    assert (join_request.status, join_request.decided_by) == (JoinRequestStatus.APPROVED, member)
    assert join_request.decided_at is not None
    assert AuditEvent.objects.filter(
        action="join_request.approved", actor=member, subject_id=str(join_request.pk)
    ).exists()
    (told,) = mail.outbox
    assert (told.to, told.subject) == (
        ["sam.jones@education.gov.uk"],
        "You now belong to Department for Education",
    )
    client.force_login(User.objects.get(pk=person.pk))
    for name, address in work.items():
        assert client.get(address).status_code == 200, name


def test_a_member_refuses_and_the_person_still_sees_nothing(
    client, member, work, ask, django_capture_on_commit_callbacks
):
    person, join_request = ask("sam@education.gov.uk")
    client.force_login(member)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        decide(client, join_request, "refuse")

    join_request.refresh_from_db()
    assert (join_request.status, join_request.decided_by) == (JoinRequestStatus.REFUSED, member)
    assert User.objects.get(pk=person.pk).buyer_organisation is None
    assert AuditEvent.objects.filter(action="join_request.refused", actor=member).exists()
    (told,) = mail.outbox
    assert told.subject == "Your request to join Department for Education was refused"
    client.force_login(person)
    account = client.get(reverse("accounts:your-account")).content.decode()
    assert "Your request to join Department for Education was refused" in account
    for name, address in work.items():
        assert client.get(address).status_code == 403, name


def test_a_decided_request_cannot_be_decided_again(client, member, ask):
    _person, join_request = ask("sam@education.gov.uk")
    client.force_login(member)
    decide(client, join_request, "refuse")

    again = decide(client, join_request, "approve")

    assert again.status_code == 404
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.REFUSED


def test_a_member_of_another_organisation_cannot_see_or_decide(client, member, ask):
    person, join_request = ask("sam@education.gov.uk")
    outsider = BuyerFactory(buyer_organisation__name="Leeds City Council")
    client.force_login(outsider)

    assert "Sam Jones" not in client.get(JOIN_REQUESTS).content.decode()
    response = decide(client, join_request, "approve")

    assert response.status_code == 404
    join_request.refresh_from_db()
    assert (join_request.status, join_request.decided_by) == (JoinRequestStatus.PENDING, None)
    assert User.objects.get(pk=person.pk).buyer_organisation is None
    assert not AuditEvent.objects.filter(action__startswith="join_request.approved").exists()


def test_nobody_can_approve_themselves(client, member, ask):
    person, join_request = ask("sam@education.gov.uk")
    client.force_login(person)

    assert decide(client, join_request, "approve").status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.PENDING


def test_ccs_decides_for_an_organisation_nobody_belongs_to(
    client, dfe, ccs_admin, ask, django_capture_on_commit_callbacks
):
    person, join_request = ask("sam@education.gov.uk")

    (to_ccs,) = [m for m in mail.outbox if m.to == [ccs_admin.email]]
    assert "Nobody belongs to Department for Education yet, so CCS decides" in to_ccs.body
    assert absolute_reverse("join_requests_admin:list") in to_ccs.body
    client.force_login(person)
    account = client.get(reverse("accounts:your-account")).content.decode()
    assert "Nobody belongs to Department for Education yet, so the Crown Commercial" in account

    client.force_login(ccs_admin)
    listing = client.get(CCS_LIST).content.decode()
    assert "sam@education.gov.uk" in listing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{CCS_LIST}{join_request.pk}/", {"decision": "approve"})

    assert response.status_code == 302
    join_request.refresh_from_db()
    assert (join_request.status, join_request.decided_by) == (
        JoinRequestStatus.APPROVED,
        ccs_admin,
    )
    assert User.objects.get(pk=person.pk).buyer_organisation == dfe
    assert AuditEvent.objects.filter(action="join_request.approved", actor=ccs_admin).exists()


def test_ccs_can_refuse_in_the_admin(client, member, ccs_admin, ask):
    person, join_request = ask("sam@education.gov.uk")
    client.force_login(ccs_admin)

    client.post(f"{CCS_LIST}{join_request.pk}/", {"decision": "refuse"})

    join_request.refresh_from_db()
    assert (join_request.status, join_request.decided_by) == (JoinRequestStatus.REFUSED, ccs_admin)
    assert User.objects.get(pk=person.pk).buyer_organisation is None


def test_a_ccs_reviewer_cannot_decide_in_the_admin(client, member, ask):
    _person, join_request = ask("sam@education.gov.uk")
    reviewer = UserFactory()
    reviewer.groups.add(Group.objects.get(name=CCS_REVIEWERS_GROUP))
    client.force_login(reviewer)

    # Wagtail turns a refusal in its admin into a redirect to the dashboard.
    for response in [
        client.get(CCS_LIST),
        client.post(f"{CCS_LIST}{join_request.pk}/", {"decision": "approve"}),
    ]:
        assert (response.status_code, response.url) == (302, "/admin/")
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.PENDING


def test_an_unconfirmed_person_is_not_put_before_anyone(client, member):
    client.post(REGISTER, answers("sam@education.gov.uk"))
    client.force_login(member)

    page = client.get(JOIN_REQUESTS).content.decode()

    assert "Nobody is waiting to join Department for Education" in page
    assert [m for m in mail.outbox if m.to == [member.email]] == []


def test_a_second_registrant_of_a_new_organisation_waits_for_the_first(client, ask):
    first, first_request = ask("ann@bradford.gov.uk", organisation="Bradford Council")
    client.logout()
    second, second_request = ask("bob@bradford.gov.uk", organisation="Bradford Council")

    assert first.buyer_organisation.name == "Bradford Council"
    assert first_request.status == JoinRequestStatus.APPROVED
    assert first_request.decided_by is None
    assert second.buyer_organisation is None
    assert second_request.status == JoinRequestStatus.PENDING
    (to_first,) = [
        m for m in mail.outbox if m.to == ["ann@bradford.gov.uk"] and "asking" in m.subject
    ]
    assert to_first.subject == "Sam Jones is asking to join Bradford Council"
