"""The supplier's own area: registration, profile, team and partners, and who may use them."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marketplace.accounts.models import User
from marketplace.core.models import AuditEvent
from suppliers import services
from suppliers.models import SupplierInvitation, SupplierOrganisation
from tests.factories import PASSWORD, BuyerFactory, SupplierOrganisationFactory, SupplierUserFactory
from tests.suppliers.test_forms import PDF, REGISTRATION, profile_answers

pytestmark = pytest.mark.django_db

REGISTER = reverse("supplier_account:register")
DASHBOARD = reverse("supplier_account:dashboard")
PROFILE = reverse("supplier_account:profile")
TEAM = reverse("supplier_account:team")
PARTNERS = reverse("supplier_account:partners")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the e-mails) as a real request would."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


@pytest.fixture
def supplier_user(client):
    user = SupplierUserFactory(supplier_organisation__name="Acme Ltd")
    client.force_login(user)
    return user


def link_in(message, path: str) -> str:
    return re.search(rf"https?://[^/\s]+({re.escape(path)}\S+/)", message.body).group(1)


def refused_with(response, *messages: str) -> str:
    """The form came back as a bad request, saying each of these; returns the page."""
    html = response.content.decode()
    assert response.status_code == 400
    for message in messages:
        assert message in html
    return html


# Registration


def test_registering_creates_the_organisation_an_inactive_user_and_a_confirmation_email(
    client, committed, mailoutbox
):
    response = committed(client.post, REGISTER, REGISTRATION)

    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    supplier = SupplierOrganisation.objects.get(name="Northern Digital Co-operative Ltd")
    assert supplier.companies_house_number == "01234567"
    assert supplier.size_band == "small"
    assert supplier.head_office_region.code == "TLE"  # Leeds: Yorkshire and The Humber
    assert supplier.vcse_type == "co-operative"
    assert supplier.verified is False
    user = User.objects.get(email="priya@northern-digital.example.co.uk")
    assert user.supplier_organisation == supplier
    assert user.is_active is False
    assert set(AuditEvent.objects.values_list("action", flat=True)) == {
        "supplier.registered",
        "user.registered",
    }
    (message,) = mailoutbox
    assert message.to == ["priya@northern-digital.example.co.uk"]


def test_the_emailed_link_lets_the_new_supplier_sign_in_to_their_organisation(
    client, committed, mailoutbox
):
    committed(client.post, REGISTER, REGISTRATION)

    assert client.get(link_in(mailoutbox[0], "/account/confirm/")).status_code == 200
    client.post(
        reverse("accounts:sign-in"),
        {"email": REGISTRATION["email"], "password": REGISTRATION["password"]},
    )
    page = client.get(DASHBOARD).content.decode()
    assert "Northern Digital" in page
    assert "GB-COH-01234567" in page
    assert "LS1 4AP, Yorkshire and The Humber" in page
    assert 'href="/supplier/listings/"' in page


def test_a_wrong_registration_is_refused_with_every_message_and_the_answers_kept(
    client, committed, mailoutbox
):
    SupplierUserFactory(email="priya@northern-digital.example.co.uk")

    response = committed(
        client.post,
        REGISTER,
        {
            **REGISTRATION,
            "companies_house_number": "ABC",
            "charity_number": "12",
            "head_office_postcode": "nowhere",
            "turnover": "",
        },
    )

    html = refused_with(
        response,
        "Enter a Companies House number in the correct format",
        "Enter a charity number in the correct format",
        "Enter a full UK postcode, like SW1A 2AA",
        "Enter your annual turnover or your balance sheet total, or both",
        "An account with this e-mail address already exists",
    )
    assert 'value="Northern Digital Co-operative Ltd"' in html
    assert 'value="nowhere"' in html
    assert re.search(r'value="co-operative"\s+checked', html)
    assert REGISTRATION["password"] not in html
    assert not SupplierOrganisation.objects.filter(name__startswith="Northern").exists()
    assert mailoutbox == []


def test_an_organisation_already_registered_is_told_to_ask_for_an_invitation(client):
    SupplierOrganisationFactory(name="Northern Digital Co-operative Ltd")

    response = client.post(REGISTER, REGISTRATION)

    assert response.status_code == 400
    assert "ask someone there to invite you" in response.content.decode()


def test_the_sign_in_page_links_to_supplier_registration(client):
    assert f'href="{REGISTER}"' in client.get(reverse("accounts:sign-in")).content.decode()


# The organisation page and profile


def test_the_profile_saves_and_the_size_band_is_shown_back(client, supplier_user):
    response = client.post(
        PROFILE, profile_answers(staff_headcount="60", turnover="", balance_sheet_total="30000000")
    )

    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Your profile has been saved. Your size is: Medium." in page
    assert "Medium (an SME)" in page
    supplier = SupplierOrganisation.objects.get(pk=supplier_user.supplier_organisation_id)
    assert supplier.size_band == "medium"
    assert supplier.head_office_region.code == "TLD"  # Manchester: North West
    assert sorted(supplier.regions_served.values_list("code", flat=True)) == ["TLD", "TLE"]
    assert supplier.offers_apprenticeships is True
    event = AuditEvent.objects.get(action="supplier.profile_updated")
    assert event.actor == supplier_user


def test_the_profile_form_shows_what_is_stored(client, supplier_user):
    html = client.get(PROFILE).content.decode()

    assert 'value="Acme Ltd"' in html
    assert 'enctype="multipart/form-data"' in html


def test_a_code_of_conduct_that_is_not_a_pdf_is_refused_and_nothing_saved(client, supplier_user):
    answers = profile_answers(
        name="Renamed Ltd",
        code_of_conduct_file=SimpleUploadedFile("conduct.docx", b"PK\x03\x04"),
    )

    response = client.post(PROFILE, answers)

    assert response.status_code == 400
    html = response.content.decode()
    assert "The code of conduct must be a PDF" in html
    assert 'value="Renamed Ltd"' in html
    assert SupplierOrganisation.objects.get(pk=supplier_user.supplier_organisation_id).name == (
        "Acme Ltd"
    )


def test_a_pdf_code_of_conduct_is_stored(client, supplier_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    answers = profile_answers(code_of_conduct_file=SimpleUploadedFile("conduct.pdf", PDF))

    assert client.post(PROFILE, answers).status_code == 302

    supplier = SupplierOrganisation.objects.get(pk=supplier_user.supplier_organisation_id)
    assert supplier.code_of_conduct_file.name.endswith(".pdf")
    assert supplier.code_of_conduct_file.read() == PDF
    assert "PDF uploaded" in client.get(DASHBOARD).content.decode()


def test_the_profile_only_ever_edits_the_users_own_organisation(client, supplier_user):
    other = SupplierOrganisationFactory(name="Other Ltd")

    client.post(
        PROFILE, {**profile_answers(name="Acme Trading Ltd"), "pk": other.pk, "id": other.pk}
    )

    other.refresh_from_db()
    assert other.name == "Other Ltd"
    assert SupplierOrganisation.objects.get(pk=supplier_user.supplier_organisation_id).name == (
        "Acme Trading Ltd"
    )


# The team


def test_inviting_a_teammate_emails_a_link_they_use_to_join(client, committed, mailoutbox):
    owner = SupplierUserFactory()
    client.force_login(owner)

    response = committed(client.post, TEAM, {"email": "Sam@Acme.example.co.uk"})

    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.to == ["sam@acme.example.co.uk"]
    assert "sam@acme.example.co.uk" in client.get(TEAM).content.decode()
    client.logout()

    link = link_in(message, "/supplier/invitation/")
    form = client.get(link)
    assert form.status_code == 200
    assert "sam@acme.example.co.uk" in form.content.decode()
    joined = client.post(link, {"full_name": "Sam Jones", "password": PASSWORD})

    assert joined.status_code == 302
    assert joined.url == DASHBOARD
    sam = User.objects.get(email="sam@acme.example.co.uk")
    assert sam.supplier_organisation == owner.supplier_organisation
    assert sam.is_active and sam.email_verified_at is not None
    assert client.get(DASHBOARD).status_code == 200  # signed in as Sam
    assert SupplierInvitation.objects.get().accepted_by == sam
    assert client.get(link).status_code == 400  # a used link does not work twice


def test_a_wrong_acceptance_is_refused_with_the_name_kept(client, supplier_user):
    invitation = services.supplier_invitation_create(
        actor=supplier_user, supplier=supplier_user.supplier_organisation, email="sam@example.co.uk"
    )
    client.logout()
    link = reverse(
        "supplier_account:accept-invitation",
        kwargs={"token": services.invitation_token(invitation=invitation)},
    )

    response = client.post(link, {"full_name": "Sam Jones", "password": "short"})

    assert response.status_code == 400
    assert 'value="Sam Jones"' in response.content.decode()
    assert not User.objects.filter(email="sam@example.co.uk").exists()


def test_inviting_someone_who_has_an_account_is_refused(client, supplier_user):
    BuyerFactory(email="taken@example.gov.uk")

    response = client.post(TEAM, {"email": "taken@example.gov.uk"})

    assert response.status_code == 400
    assert "There is already an account with this e-mail address" in response.content.decode()
    assert not SupplierInvitation.objects.exists()


@pytest.mark.parametrize("token", ["nonsense", "x" * 200], ids=["damaged", "long"])
def test_a_bad_invitation_link_gets_a_plain_400(client, token):
    response = client.get(reverse("supplier_account:accept-invitation", kwargs={"token": token}))

    assert response.status_code == 400
    assert "This invitation link does not work" in response.content.decode()


def test_an_expired_or_cancelled_invitation_link_gets_a_plain_400(
    client, supplier_user, monkeypatch
):
    invitation = services.supplier_invitation_create(
        actor=supplier_user, supplier=supplier_user.supplier_organisation, email="sam@example.co.uk"
    )
    link = reverse(
        "supplier_account:accept-invitation",
        kwargs={"token": services.invitation_token(invitation=invitation)},
    )
    with monkeypatch.context() as patch:
        patch.setattr(services, "INVITE_MAX_AGE", -1)  # every link is now too old
        expired = client.post(link, {"full_name": "Sam Jones", "password": PASSWORD})
    assert expired.status_code == 400
    assert client.get(link).status_code == 200

    client.post(reverse("supplier_account:cancel-invitation", kwargs={"pk": invitation.pk}))

    assert client.get(link).status_code == 400
    assert not User.objects.filter(email="sam@example.co.uk").exists()


def test_the_team_pages_cancel_link_leads_to_that_invitations_cancel_page(client, supplier_user):
    invitation = services.supplier_invitation_create(
        actor=supplier_user, supplier=supplier_user.supplier_organisation, email="sam@example.co.uk"
    )
    url = reverse("supplier_account:cancel-invitation", kwargs={"pk": invitation.pk})

    team = client.get(TEAM).content.decode()

    hidden = '<span class="govuk-visually-hidden"> sam@example.co.uk</span>'
    assert f'<a class="govuk-link" href="{url}">Cancel{hidden}</a>' in team
    assert 'href=""' not in team
    assert "Cancel the invitation to sam@example.co.uk?" in client.get(url).content.decode()


def test_cancelling_an_invitation_asks_first_then_keeps_the_record(client, supplier_user):
    invitation = services.supplier_invitation_create(
        actor=supplier_user, supplier=supplier_user.supplier_organisation, email="sam@example.co.uk"
    )
    url = reverse("supplier_account:cancel-invitation", kwargs={"pk": invitation.pk})

    assert "Cancel the invitation to sam@example.co.uk?" in client.get(url).content.decode()
    cancelled = client.post(url, follow=True).content.decode()

    assert "The invitation to sam@example.co.uk has been cancelled." in cancelled
    assert "There are no invitations waiting." in cancelled
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None
    assert AuditEvent.objects.filter(action="supplier.invitation_cancelled").exists()


def test_another_organisations_invitation_cannot_be_seen_or_cancelled(client, supplier_user):
    stranger = SupplierUserFactory()
    invitation = services.supplier_invitation_create(
        actor=stranger, supplier=stranger.supplier_organisation, email="sam@example.co.uk"
    )
    url = reverse("supplier_account:cancel-invitation", kwargs={"pk": invitation.pk})

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_open
    assert "sam@example.co.uk" not in client.get(TEAM).content.decode()


# Supply-chain partners (the rest is in test_supply_chain_views.py)


def test_a_partnership_needs_a_partner_a_role_and_a_statement(client, supplier_user):
    response = client.post(PARTNERS, {"partner": "", "statement": ""})

    refused_with(
        response,
        "Choose the supplier you work with",
        "Select whether they are your subcontractor or prime",
        "Describe how you work together",
    )


# Who may use the supplier area


def private_urls() -> list[str]:
    return [
        DASHBOARD,
        PROFILE,
        TEAM,
        PARTNERS,
        reverse("supplier_account:cancel-invitation", kwargs={"pk": 1}),
        reverse("supplier_account:end-partnership", kwargs={"pk": 1}),
        reverse("supplier_account:answer-partnership", kwargs={"pk": 1}),
        reverse("supplier_account:guidelines"),
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_sign_in(client, method):
    for url in private_urls():
        response = getattr(client, method)(url)

        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:sign-in")), url


@pytest.mark.parametrize("method", ["get", "post"])
def test_buyers_are_refused_every_supplier_page(client, method):
    client.force_login(BuyerFactory())

    for url in private_urls():
        assert getattr(client, method)(url).status_code == 403, url
    assert client.get(REGISTER).status_code == 302  # already has an account


def test_supplier_users_see_their_organisation_in_the_navigation(client, supplier_user):
    assert f'href="{DASHBOARD}"' in client.get(TEAM).content.decode()
    client.force_login(BuyerFactory())
    assert "Your organisation" not in client.get(reverse("accounts:your-account")).content.decode()
