"""Writes about supplier organisations: registration, profiles, teams and partners."""

from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from marketplace.accounts.models import User
from marketplace.accounts.services import user_confirmation_send
from marketplace.core.models import Region
from marketplace.core.notifications import absolute_reverse, absolute_url, notification_send
from marketplace.core.services import audit_record

from .models import (
    PartnershipStatus,
    SupplierInvitation,
    SupplierOrganisation,
    SupplyChainGuidelinesDeclaration,
    SupplyChainGuidelinesPage,
    SupplyChainPartnership,
)
from .postcodes import postcode_region_code
from .selectors import guidelines_version_number
from .signals import supplier_profile_changed
from .sizing import size_band_derive

INVITE_SALT = "suppliers.invitation"
INVITE_MAX_AGE = 60 * 60 * 24 * 7  # a week

M2M_FIELDS = ("regions_served", "accreditations")
CONTACT_FLAGS = {
    "name": "publish_contact_name",
    "email": "publish_contact_email",
    "phone": "publish_contact_phone",
}


def contact_published(supplier: SupplierOrganisation) -> list[str]:
    return [detail for detail, flag in CONTACT_FLAGS.items() if getattr(supplier, flag)]


def _require_member(*, actor: Any, supplier: SupplierOrganisation) -> None:
    """Supplier users touch only their own organisation."""
    if not (
        getattr(actor, "is_authenticated", False)
        and actor.is_supplier_user
        and actor.supplier_organisation_id == supplier.pk
    ):
        raise PermissionDenied


def _derive(supplier: SupplierOrganisation) -> None:
    """Fill in what follows from the declared facts: size band and head-office region."""
    if supplier.staff_headcount is not None and (
        supplier.turnover is not None or supplier.balance_sheet_total is not None
    ):
        supplier.size_band = size_band_derive(
            staff=supplier.staff_headcount,
            turnover=supplier.turnover,
            balance_sheet=supplier.balance_sheet_total,
        )
        supplier.size_is_illustrative = False
    if supplier.head_office_postcode:
        supplier.head_office_region = Region.objects.get(
            code=postcode_region_code(supplier.head_office_postcode)
        )


@transaction.atomic
def supplier_register(
    *, organisation: dict[str, Any], email: str, full_name: str, password: str
) -> User:
    """Create a supplier organisation and its first user, inactive until the e-mail
    address is confirmed. CCS verifies the organisation later."""
    supplier = SupplierOrganisation(**organisation)
    _derive(supplier)
    supplier.save()
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name.strip(),
        supplier_organisation=supplier,
        is_active=False,
    )
    audit_record(actor=None, action="supplier.registered", subject=supplier)
    audit_record(
        actor=None,
        action="user.registered",
        subject=user,
        data={"role": "supplier", "organisation": supplier.name},
    )
    transaction.on_commit(lambda: user_confirmation_send(user=user))
    return user


@transaction.atomic
def supplier_profile_update(
    *, actor: Any, supplier: SupplierOrganisation, changes: dict[str, Any]
) -> SupplierOrganisation:
    _require_member(actor=actor, supplier=supplier)
    for field, value in changes.items():
        if field not in M2M_FIELDS:
            setattr(supplier, field, value)
    _derive(supplier)
    supplier.save()
    for field in M2M_FIELDS:
        if field in changes:
            getattr(supplier, field).set(changes[field])
    audit_record(
        actor=actor,
        action="supplier.profile_updated",
        subject=supplier,
        # Which contact details buyers now see, so a question about when one was
        # made public can be answered from the trail.
        data={"fields": sorted(changes), "contact_published": contact_published(supplier)},
    )
    transaction.on_commit(
        lambda: supplier_profile_changed.send(SupplierOrganisation, supplier_id=supplier.pk)
    )
    return supplier


@transaction.atomic
def supplier_verify(*, actor: Any, supplier: SupplierOrganisation, verified: bool = True) -> None:
    if not actor.has_perm("suppliers.change_supplierorganisation"):
        raise PermissionDenied
    supplier.verified = verified
    supplier.verified_at = timezone.now() if verified else None
    supplier.save(update_fields=["verified", "verified_at", "updated_at"])
    audit_record(
        actor=actor,
        action="supplier.verified" if verified else "supplier.verification_removed",
        subject=supplier,
    )


def invitation_token(*, invitation: SupplierInvitation) -> str:
    return signing.dumps({"invitation": invitation.pk}, salt=INVITE_SALT)


class InvitationInvalid(Exception):
    """The link is damaged, expired, used or cancelled."""


@transaction.atomic
def supplier_invitation_create(
    *, actor: Any, supplier: SupplierOrganisation, email: str
) -> SupplierInvitation:
    _require_member(actor=actor, supplier=supplier)
    email = email.strip().lower()
    if User.objects.filter(email=email).exists():
        raise ValidationError({"email": "There is already an account with this e-mail address"})
    invitation = SupplierInvitation.objects.create(supplier=supplier, email=email, invited_by=actor)
    audit_record(
        actor=actor, action="supplier.invitation_sent", subject=supplier, data={"email": email}
    )
    transaction.on_commit(lambda: supplier_invitation_send(invitation=invitation))
    return invitation


def supplier_invitation_send(*, invitation: SupplierInvitation) -> None:
    link = settings.WAGTAILADMIN_BASE_URL + reverse(
        "supplier_account:accept-invitation",
        kwargs={"token": invitation_token(invitation=invitation)},
    )
    body = render_to_string(
        "suppliers/emails/invitation.txt", {"invitation": invitation, "link": link, "days": 7}
    )
    send_mail(
        subject=f"Join {invitation.supplier} on the {settings.SERVICE_NAME}",
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )


def supplier_invitation_get(*, token: str) -> SupplierInvitation:
    try:
        payload = signing.loads(token, salt=INVITE_SALT, max_age=INVITE_MAX_AGE)
    except signing.BadSignature as error:  # includes SignatureExpired
        raise InvitationInvalid from error
    invitation = SupplierInvitation.objects.filter(pk=payload.get("invitation")).first()
    if invitation is None or not invitation.is_open:
        raise InvitationInvalid
    return invitation


@transaction.atomic
def supplier_invitation_accept(*, token: str, full_name: str, password: str) -> User:
    """The invited person sets a name and password. Following the e-mailed link
    proves the address, so the account is active at once."""
    invitation = supplier_invitation_get(token=token)
    user = User.objects.create_user(
        email=invitation.email,
        password=password,
        full_name=full_name.strip(),
        supplier_organisation=invitation.supplier,
        email_verified_at=timezone.now(),
        is_active=True,
    )
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(
        actor=user,
        action="supplier.invitation_accepted",
        subject=invitation.supplier,
        data={"email": user.email},
    )
    return user


@transaction.atomic
def supplier_invitation_cancel(*, actor: Any, invitation: SupplierInvitation) -> None:
    _require_member(actor=actor, supplier=invitation.supplier)
    invitation.cancelled_at = timezone.now()
    invitation.save(update_fields=["cancelled_at"])
    audit_record(
        actor=actor,
        action="supplier.invitation_cancelled",
        subject=invitation.supplier,
        data={"email": invitation.email},
    )


# Supply-chain partnerships: proposed by one organisation, published only once the
# other confirms. Each change re-reads the row under a lock, so two people
# answering at once cannot both act on the same proposal.


def _partnership_locked(partnership: SupplyChainPartnership) -> SupplyChainPartnership:
    return SupplyChainPartnership.objects.select_for_update().get(pk=partnership.pk)


def _require_status(partnership: SupplyChainPartnership, status: str, message: str) -> None:
    if partnership.status != status:
        raise ValidationError(message)


def _audit_partnership(*, actor: Any, action: str, partnership: SupplyChainPartnership) -> None:
    """One event on each organisation's record, so both histories tell the story."""
    data = {
        "partnership": partnership.pk,
        "supplier": partnership.supplier.name,
        "partner": partnership.partner.name,
        "role": partnership.role,
    }
    for organisation in (partnership.supplier, partnership.partner):
        audit_record(actor=actor, action=action, subject=organisation, data=data)


def _organisation_emails(supplier: SupplierOrganisation) -> list[str]:
    return list(supplier.users.filter(is_active=True).values_list("email", flat=True))


def _partnership_notify(
    *, partnership: SupplyChainPartnership, to: SupplierOrganisation, subject: str, template: str
) -> None:
    """Tell the other organisation's users, once the change is committed."""
    context = {
        "partnership": partnership,
        "answer_link": absolute_reverse(
            "supplier_account:answer-partnership", kwargs={"pk": partnership.pk}
        ),
        "partners_link": absolute_reverse("supplier_account:partners"),
    }
    transaction.on_commit(
        lambda: notification_send(
            to=_organisation_emails(to), subject=subject, template=template, context=context
        )
    )


@transaction.atomic
def partnership_propose(
    *,
    actor: Any,
    supplier: SupplierOrganisation,
    partner: SupplierOrganisation,
    role: str,
    statement: str,
) -> SupplyChainPartnership:
    """Name another supplier as partner. It is not published until they confirm."""
    _require_member(actor=actor, supplier=supplier)
    if partner.pk == supplier.pk:
        raise ValidationError({"partner": "Choose another supplier, not your own organisation"})
    if SupplyChainPartnership.objects.filter(
        supplier=supplier, partner=partner, role=role, ended_at__isnull=True
    ).exists():
        raise ValidationError({"partner": "You have already listed this partner in this role"})
    partnership = SupplyChainPartnership.objects.create(
        supplier=supplier,
        partner=partner,
        role=role,
        statement=statement.strip(),
        status=PartnershipStatus.PROPOSED,
        proposed_by=actor,
    )
    _audit_partnership(actor=actor, action="supplier.partnership_proposed", partnership=partnership)
    _partnership_notify(
        partnership=partnership,
        to=partner,
        subject=f"{supplier.name} has listed you as a supply-chain partner",
        template="suppliers/emails/partnership_proposed.txt",
    )
    return partnership


@transaction.atomic
def partnership_confirm(
    *, actor: Any, partnership: SupplyChainPartnership
) -> SupplyChainPartnership:
    """The partner agrees: from now on both profiles show the partnership."""
    _require_member(actor=actor, supplier=partnership.partner)
    partnership = _partnership_locked(partnership)
    _require_status(
        partnership,
        PartnershipStatus.PROPOSED,
        "This partnership is no longer waiting for an answer",
    )
    partnership.status = PartnershipStatus.CONFIRMED
    partnership.answered_at, partnership.answered_by = timezone.now(), actor
    partnership.save(update_fields=["status", "answered_at", "answered_by"])
    _audit_partnership(
        actor=actor, action="supplier.partnership_confirmed", partnership=partnership
    )
    _partnership_notify(
        partnership=partnership,
        to=partnership.supplier,
        subject=f"{partnership.partner.name} has confirmed your supply-chain partnership",
        template="suppliers/emails/partnership_confirmed.txt",
    )
    return partnership


@transaction.atomic
def partnership_decline(
    *, actor: Any, partnership: SupplyChainPartnership
) -> SupplyChainPartnership:
    """The partner does not agree. The proposal is kept, declined, and never published."""
    _require_member(actor=actor, supplier=partnership.partner)
    partnership = _partnership_locked(partnership)
    _require_status(
        partnership,
        PartnershipStatus.PROPOSED,
        "This partnership is no longer waiting for an answer",
    )
    now = timezone.now()
    partnership.status = PartnershipStatus.DECLINED
    partnership.answered_at = partnership.ended_at = now
    partnership.answered_by = partnership.ended_by = actor
    partnership.save(update_fields=["status", "answered_at", "answered_by", "ended_at", "ended_by"])
    _audit_partnership(actor=actor, action="supplier.partnership_declined", partnership=partnership)
    _partnership_notify(
        partnership=partnership,
        to=partnership.supplier,
        subject=f"{partnership.partner.name} has declined your supply-chain partnership",
        template="suppliers/emails/partnership_declined.txt",
    )
    return partnership


@transaction.atomic
def partnership_end(*, actor: Any, partnership: SupplyChainPartnership) -> SupplyChainPartnership:
    """Stop a partnership. Either organisation may end a confirmed one; the proposer
    may withdraw one still waiting for an answer. It stays on record with who
    stopped it and when."""
    member_of = getattr(actor, "supplier_organisation_id", None)
    side = partnership.supplier if member_of == partnership.supplier_id else partnership.partner
    _require_member(actor=actor, supplier=side)
    partnership = _partnership_locked(partnership)
    if partnership.status == PartnershipStatus.PROPOSED and side.pk == partnership.supplier_id:
        partnership.status, action = PartnershipStatus.WITHDRAWN, "supplier.partnership_withdrawn"
    elif partnership.status == PartnershipStatus.CONFIRMED:
        partnership.status, action = PartnershipStatus.ENDED, "supplier.partnership_ended"
    elif partnership.status == PartnershipStatus.PROPOSED:
        raise ValidationError("Confirm or decline this partnership instead of ending it")
    else:
        raise ValidationError("This partnership has already ended")
    partnership.ended_at, partnership.ended_by = timezone.now(), actor
    partnership.save(update_fields=["status", "ended_at", "ended_by"])
    _audit_partnership(actor=actor, action=action, partnership=partnership)
    if partnership.status == PartnershipStatus.ENDED:
        other = partnership.partner if side.pk == partnership.supplier_id else partnership.supplier
        _partnership_notify(
            partnership=partnership,
            to=other,
            subject=f"{side.name} has ended your supply-chain partnership",
            template="suppliers/emails/partnership_ended.txt",
        )
    return partnership


# The supply-chain guidelines.


@transaction.atomic
def guidelines_declare(
    *, actor: Any, supplier: SupplierOrganisation
) -> SupplyChainGuidelinesDeclaration:
    """Record that the organisation follows the version of the guidelines published now."""
    _require_member(actor=actor, supplier=supplier)
    page = SupplyChainGuidelinesPage.objects.live().first()
    if page is None:
        raise ValidationError("The supply-chain guidelines are not published at the moment")
    latest = supplier.guidelines_declarations.first()
    if latest is not None and latest.version_published_at == page.version_published_at:
        raise ValidationError("Your organisation has already declared that it follows this version")
    declaration = SupplyChainGuidelinesDeclaration.objects.create(
        supplier=supplier,
        declared_by=actor,
        version_published_at=page.version_published_at,
        version_number=guidelines_version_number(page=page),
        revision_id=page.live_revision_id,
    )
    audit_record(
        actor=actor,
        action="supplier.guidelines_declared",
        subject=supplier,
        data={
            "version": declaration.version_number,
            "version_published_at": page.version_published_at.isoformat(),
            "revision": page.live_revision_id,
        },
    )
    return declaration


def guidelines_version_published(*, instance: SupplyChainGuidelinesPage, **kwargs) -> int:
    """Wagtail's ``page_published`` receiver: e-mail the users of every supplier whose
    latest declaration is for an earlier version, inviting them to declare again.
    Returns how many organisations are told."""
    latest = SupplyChainGuidelinesDeclaration.objects.filter(
        supplier=OuterRef("supplier")
    ).order_by("-declared_at", "-pk")
    outdated = list(
        SupplyChainGuidelinesDeclaration.objects.filter(pk=Subquery(latest.values("pk")[:1]))
        .exclude(version_published_at=instance.version_published_at)
        .select_related("supplier")
    )
    for declaration in outdated:
        audit_record(
            actor=None,
            action="supplier.guidelines_redeclaration_requested",
            subject=declaration.supplier,
            data={
                "declared_version": declaration.version_number,
                "new_version_published_at": instance.version_published_at.isoformat(),
            },
        )

    def send() -> None:
        # Counted once committed: Wagtail records the "publish" after this signal.
        version = guidelines_version_number(page=instance)
        for declaration in outdated:
            notification_send(
                to=_organisation_emails(declaration.supplier),
                subject="The supply-chain guidelines have changed: please declare again",
                template="suppliers/emails/guidelines_new_version.txt",
                context={
                    "supplier": declaration.supplier,
                    "declaration": declaration,
                    "version": version,
                    "guidelines_link": absolute_url(path=instance.get_url_parts()[2]),
                    "declare_link": absolute_reverse("supplier_account:guidelines"),
                },
            )

    transaction.on_commit(send)
    return len(outdated)
