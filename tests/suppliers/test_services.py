"""Supplier writes: derived facts, own-organisation only, partnerships both sides agree
to, declarations of the guidelines, and nothing deleted."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from marketplace.core.models import AuditEvent
from suppliers import services
from suppliers.models import SupplyChainGuidelinesPage, SupplyChainPartnership
from suppliers.presenters import guidelines_status, partner_items
from suppliers.selectors import supplier_get
from tests.factories import PASSWORD, BuyerFactory, SupplierUserFactory

pytestmark = pytest.mark.django_db


def test_registration_derives_band_and_region_and_waits_for_confirmation(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.supplier_register(
            organisation={
                "name": "Pennine Digital Co-operative Ltd",
                "companies_house_number": "01234567",
                "staff_headcount": 12,
                "turnover": Decimal(900_000),
                "vcse_type": "co-operative",
                "head_office_postcode": "LS1 4AP",
            },
            email="ada@pennine.example.coop",
            full_name="Ada Lovelace",
            password=PASSWORD,
        )
    supplier = user.supplier_organisation
    assert (supplier.size_band, supplier.head_office_region_id) == ("small", "TLE")
    assert supplier.identifier == "GB-COH-01234567"
    assert supplier.is_vcse and supplier.is_sme and not supplier.verified
    assert not user.is_active
    assert [m.to for m in mailoutbox] == [["ada@pennine.example.coop"]]
    assert AuditEvent.objects.filter(action="supplier.registered").count() == 1


def test_profile_update_rederives_the_band_for_own_organisation_only():
    member = SupplierUserFactory()
    supplier = member.supplier_organisation
    services.supplier_profile_update(
        actor=member,
        supplier=supplier,
        changes={"staff_headcount": 300, "turnover": Decimal(1_000_000)},
    )
    supplier.refresh_from_db()
    assert supplier.size_band == "large"
    for outsider in (SupplierUserFactory(), BuyerFactory()):
        with pytest.raises(PermissionDenied):
            services.supplier_profile_update(actor=outsider, supplier=supplier, changes={})


def test_a_partnership_needs_another_supplier_once_per_role():
    member = SupplierUserFactory()
    partner = SupplierUserFactory().supplier_organisation
    services.partnership_propose(
        actor=member,
        supplier=member.supplier_organisation,
        partner=partner,
        role="subcontractor",
        statement="They run our out-of-hours support desk under a three-year agreement.",
    )
    with pytest.raises(ValidationError):
        services.partnership_propose(
            actor=member,
            supplier=member.supplier_organisation,
            partner=partner,
            role="subcontractor",
            statement="Again",
        )
    with pytest.raises(ValidationError):
        services.partnership_propose(
            actor=member,
            supplier=member.supplier_organisation,
            partner=member.supplier_organisation,
            role="prime",
            statement="Ourselves",
        )
    with pytest.raises(PermissionDenied):
        services.partnership_propose(
            actor=SupplierUserFactory(),
            supplier=member.supplier_organisation,
            partner=partner,
            role="prime",
            statement="Someone else's organisation",
        )
    assert SupplyChainPartnership.objects.count() == 1


# Supply-chain partnerships: proposed, then confirmed or declined by the partner.


@pytest.fixture
def chain():
    """A prime's user, a subcontractor with two users, and an unrelated supplier's user."""
    prime = SupplierUserFactory(supplier_organisation__name="Oak Prime plc")
    sub = SupplierUserFactory(
        email="ana@ash.example.co.uk", supplier_organisation__name="Ash Hosting Ltd"
    )
    SupplierUserFactory(
        email="bo@ash.example.co.uk", supplier_organisation=sub.supplier_organisation
    )
    return prime, sub, SupplierUserFactory(supplier_organisation__name="Elm Other Ltd")


def propose(prime, sub):
    return services.partnership_propose(
        actor=prime,
        supplier=prime.supplier_organisation,
        partner=sub.supplier_organisation,
        role="subcontractor",
        statement="Ash Hosting runs our servers.",
    )


def published(organisation) -> list[str]:
    """The partners a public profile shows for this organisation."""
    supplier = supplier_get(slug=organisation.slug)
    return [item.partner.name for item in partner_items(supplier)]


def test_a_proposal_is_private_until_the_partner_confirms_it(
    chain, django_capture_on_commit_callbacks, mailoutbox
):
    prime, sub, _other = chain
    with django_capture_on_commit_callbacks(execute=True):
        partnership = propose(prime, sub)

    assert partnership.status == "proposed" and partnership.proposed_by == prime
    assert published(prime.supplier_organisation) == []
    assert published(sub.supplier_organisation) == []
    (invite,) = mailoutbox
    assert invite.to == ["ana@ash.example.co.uk", "bo@ash.example.co.uk"]
    assert invite.subject == "Oak Prime plc has listed you as a supply-chain partner"
    answer = f"{settings.WAGTAILADMIN_BASE_URL}/supplier/partners/{partnership.pk}/answer/"
    assert answer in invite.body
    assert '"Ash Hosting runs our servers."' in invite.body

    with django_capture_on_commit_callbacks(execute=True):
        services.partnership_confirm(actor=sub, partnership=partnership)

    partnership.refresh_from_db()
    assert (partnership.status, partnership.answered_by) == ("confirmed", sub)
    assert partnership.answered_at is not None and partnership.ended_at is None
    assert published(prime.supplier_organisation) == ["Ash Hosting Ltd"]
    assert published(sub.supplier_organisation) == ["Oak Prime plc"]
    assert mailoutbox[1].to == [prime.email]
    assert mailoutbox[1].subject == "Ash Hosting Ltd has confirmed your supply-chain partnership"
    # Each step is on both organisations' records.
    organisations = sorted([prime.supplier_organisation_id, sub.supplier_organisation_id])
    events = AuditEvent.objects.filter(action__startswith="supplier.partnership")
    for action in ("supplier.partnership_proposed", "supplier.partnership_confirmed"):
        subjects = sorted(
            int(s) for s in events.filter(action=action).values_list("subject_id", flat=True)
        )
        assert subjects == organisations, action


def test_only_the_partner_can_answer_a_proposal(chain):
    prime, sub, other = chain
    partnership = propose(prime, sub)

    for outsider in (prime, other, BuyerFactory()):
        for answer in (services.partnership_confirm, services.partnership_decline):
            with pytest.raises(PermissionDenied):
                answer(actor=outsider, partnership=partnership)

    partnership.refresh_from_db()
    assert partnership.status == "proposed" and partnership.answered_at is None
    assert (
        not AuditEvent.objects.exclude(action="supplier.partnership_proposed")
        .filter(action__startswith="supplier.partnership")
        .exists()
    )


def test_declining_keeps_the_proposal_as_history_and_never_publishes_it(
    chain, django_capture_on_commit_callbacks, mailoutbox
):
    prime, sub, _other = chain
    partnership = propose(prime, sub)

    with django_capture_on_commit_callbacks(execute=True):
        services.partnership_decline(actor=sub, partnership=partnership)

    partnership.refresh_from_db()
    assert partnership.status == "declined"
    assert (partnership.answered_by, partnership.ended_by) == (sub, sub)
    assert partnership.ended_at is not None
    assert published(prime.supplier_organisation) == []
    assert [m.subject for m in mailoutbox] == [
        "Ash Hosting Ltd has declined your supply-chain partnership"
    ]
    with pytest.raises(ValidationError):
        services.partnership_confirm(actor=sub, partnership=partnership)
    partnership.refresh_from_db()
    assert partnership.status == "declined"
    # Declining frees the pair to be proposed again, should they agree later.
    assert propose(prime, sub).status == "proposed"


@pytest.mark.parametrize("side", ["prime", "sub"])
def test_either_organisation_ends_a_confirmed_partnership_and_it_is_kept(
    chain, side, django_capture_on_commit_callbacks, mailoutbox
):
    prime, sub, other = chain
    partnership = propose(prime, sub)
    services.partnership_confirm(actor=sub, partnership=partnership)
    ender, told = (prime, sub) if side == "prime" else (sub, prime)

    with pytest.raises(PermissionDenied):
        services.partnership_end(actor=other, partnership=partnership)
    with django_capture_on_commit_callbacks(execute=True):
        services.partnership_end(actor=ender, partnership=partnership)

    partnership.refresh_from_db()
    assert (partnership.status, partnership.ended_by) == ("ended", ender)
    assert SupplyChainPartnership.objects.filter(pk=partnership.pk).exists()
    assert published(prime.supplier_organisation) == []
    assert published(sub.supplier_organisation) == []
    assert sorted(mailoutbox[-1].to) == sorted(
        told.supplier_organisation.users.values_list("email", flat=True)
    )
    assert mailoutbox[-1].subject == (
        f"{ender.supplier_organisation.name} has ended your supply-chain partnership"
    )
    with pytest.raises(ValidationError):
        services.partnership_end(actor=ender, partnership=partnership)


def test_the_proposer_withdraws_a_proposal_the_partner_has_not_answered(chain):
    prime, sub, _other = chain
    partnership = propose(prime, sub)

    with pytest.raises(ValidationError):  # the partner answers; it does not "end"
        services.partnership_end(actor=sub, partnership=partnership)
    services.partnership_end(actor=prime, partnership=partnership)

    partnership.refresh_from_db()
    assert (partnership.status, partnership.ended_by) == ("withdrawn", prime)
    assert AuditEvent.objects.filter(action="supplier.partnership_withdrawn").count() == 2
    with pytest.raises(ValidationError):
        services.partnership_confirm(actor=sub, partnership=partnership)


# Declaring that the organisation follows the supply-chain guidelines.


def guidelines_publish_new_version(*, summary: str) -> SupplyChainGuidelinesPage:
    """CCS publishes a new version, as the admin's "Publish" does."""
    page = SupplyChainGuidelinesPage.objects.get()
    page.summary = summary
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_declaration_records_the_version_who_and_when():
    member = SupplierUserFactory()
    supplier = member.supplier_organisation
    page = SupplyChainGuidelinesPage.objects.get()

    declaration = services.guidelines_declare(actor=member, supplier=supplier)

    assert declaration.version_published_at == page.last_published_at
    assert declaration.version_number == 1
    assert declaration.declared_by == member and declaration.declared_at is not None
    event = AuditEvent.objects.get(action="supplier.guidelines_declared")
    assert event.actor == member
    assert event.data["version_published_at"] == page.last_published_at.isoformat()
    with pytest.raises(ValidationError):  # once per version is enough
        services.guidelines_declare(actor=member, supplier=supplier)
    for outsider in (SupplierUserFactory(), BuyerFactory()):
        with pytest.raises(PermissionDenied):
            services.guidelines_declare(actor=outsider, supplier=supplier)
    assert supplier.guidelines_declarations.count() == 1


def test_a_new_version_makes_the_declaration_outdated_until_the_supplier_declares_again():
    member = SupplierUserFactory()
    supplier = member.supplier_organisation
    first = services.guidelines_declare(actor=member, supplier=supplier)
    assert guidelines_status(supplier=supplier).is_current

    page = guidelines_publish_new_version(summary="Updated after the 2026 review.")

    status = guidelines_status(supplier=supplier)
    assert status.is_outdated and not status.is_current
    assert status.declaration == first
    second = services.guidelines_declare(actor=member, supplier=supplier)
    assert second.version_published_at == page.last_published_at
    assert (second.version_number, second.revision_id) == (2, page.live_revision_id)
    assert guidelines_status(supplier=supplier).is_current
    assert supplier.guidelines_declarations.count() == 2  # the first is kept as history


def test_publishing_a_new_version_asks_outdated_declarers_to_declare_again(
    django_capture_on_commit_callbacks, mailoutbox
):
    outdated = SupplierUserFactory(
        email="kim@oak.example.co.uk", supplier_organisation__name="Oak Prime plc"
    )
    services.guidelines_declare(actor=outdated, supplier=outdated.supplier_organisation)
    SupplierUserFactory(email="never@elm.example.co.uk")  # never declared: not asked

    with django_capture_on_commit_callbacks(execute=True):
        guidelines_publish_new_version(summary="Updated after the annual review.")
    (message,) = mailoutbox
    assert message.to == ["kim@oak.example.co.uk"]
    assert message.subject == "The supply-chain guidelines have changed: please declare again"
    assert "version 2 of the supply-chain guidelines" in message.body
    assert "Oak Prime plc declared that it follows version 1." in message.body
    assert f"{settings.WAGTAILADMIN_BASE_URL}/supply-chain-guidelines/" in message.body
    assert f"{settings.WAGTAILADMIN_BASE_URL}/supplier/supply-chain-guidelines/" in message.body
    assert AuditEvent.objects.filter(
        action="supplier.guidelines_redeclaration_requested",
        subject_id=str(outdated.supplier_organisation_id),
    ).exists()

    # With two declarations on record, only the latest counts: one e-mail, not two.
    services.guidelines_declare(actor=outdated, supplier=outdated.supplier_organisation)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        guidelines_publish_new_version(summary="A typo fixed.")
    assert [m.to for m in mailoutbox] == [["kim@oak.example.co.uk"]]
