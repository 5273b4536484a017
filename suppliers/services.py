"""Writes about supplier organisations: registration, profiles, teams and partners."""

from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from marketplace.accounts.models import User
from marketplace.accounts.services import user_confirmation_send
from marketplace.core.models import Region
from marketplace.core.services import audit_record

from .models import SupplierInvitation, SupplierOrganisation, SupplyChainPartnership
from .postcodes import postcode_region_code
from .sizing import size_band_derive

INVITE_SALT = "suppliers.invitation"
INVITE_MAX_AGE = 60 * 60 * 24 * 7  # a week

M2M_FIELDS = ("regions_served", "accreditations")


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
        data={"fields": sorted(changes)},
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


@transaction.atomic
def partnership_create(
    *,
    actor: Any,
    supplier: SupplierOrganisation,
    partner: SupplierOrganisation,
    role: str,
    statement: str,
) -> SupplyChainPartnership:
    _require_member(actor=actor, supplier=supplier)
    if partner.pk == supplier.pk:
        raise ValidationError({"partner": "Choose another supplier, not your own organisation"})
    if SupplyChainPartnership.objects.filter(
        supplier=supplier, partner=partner, role=role, ended_at__isnull=True
    ).exists():
        raise ValidationError({"partner": "You have already listed this partner in this role"})
    partnership = SupplyChainPartnership.objects.create(
        supplier=supplier, partner=partner, role=role, statement=statement.strip()
    )
    audit_record(
        actor=actor,
        action="supplier.partnership_added",
        subject=supplier,
        data={"partner": partner.name, "role": role},
    )
    return partnership


@transaction.atomic
def partnership_end(*, actor: Any, partnership: SupplyChainPartnership) -> None:
    _require_member(actor=actor, supplier=partnership.supplier)
    partnership.ended_at = timezone.now()
    partnership.save(update_fields=["ended_at"])
    audit_record(
        actor=actor,
        action="supplier.partnership_ended",
        subject=partnership.supplier,
        data={"partner": partnership.partner.name, "role": partnership.role},
    )
