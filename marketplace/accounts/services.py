"""Writes about users: registration, e-mail confirmation and joining an organisation."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from marketplace.core.notifications import absolute_reverse, notification_send
from marketplace.core.services import audit_record

from .models import BuyerOrganisation, BuyerOrganisationJoinRequest, JoinRequestStatus, User
from .roles import CCS_ADMINS_GROUP, CCS_REVIEWERS_GROUP
from .selectors import (
    buyer_organisation_find,
    buyer_organisation_members,
    ccs_join_deciders,
    email_domain,
    join_refusal_message,
    join_request_may_decide,
)

CONFIRM_SALT = "marketplace.accounts.confirm-email"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 3  # three days


class JoinRefused(ValidationError):
    """The organisation cannot be joined with this address (the message says why)."""


@transaction.atomic
def buyer_register(
    *, email: str, full_name: str, organisation_name: str, sector: str, password: str
) -> User:
    """Create a buyer account that stays inactive until its e-mail address is confirmed,
    with a request to join the organisation: nobody belongs to an organisation just
    by typing its name.

    The caller has already checked the domain is allow-listed (the form does, so the
    message can sit next to the field). An existing organisation keeps its recorded
    sector and can only be asked by an address at one of its domains; its members
    (or CCS) decide. A new organisation takes the registrant's domain as its own,
    and the registrant becomes its first member once their address is confirmed.
    """
    email = email.lower()
    organisation = buyer_organisation_find(name=organisation_name)
    registered_organisation = organisation is None
    if organisation is None:
        organisation = BuyerOrganisation.objects.create(
            name=organisation_name.strip(), sector=sector, email_domains=email_domain(email)
        )
        audit_record(actor=None, action="buyer_organisation.created", subject=organisation)
    else:
        refusal = join_refusal_message(organisation=organisation, email=email)
        if refusal:
            raise JoinRefused({"organisation_name": refusal})
    user = User.objects.create_user(
        email=email, password=password, full_name=full_name.strip(), is_active=False
    )
    audit_record(
        actor=None,
        action="user.registered",
        subject=user,
        data={"role": "buyer", "organisation": organisation.name},
    )
    join_request = BuyerOrganisationJoinRequest.objects.create(
        user=user, organisation=organisation, registered_organisation=registered_organisation
    )
    audit_record(
        actor=None,
        action="join_request.created",
        subject=join_request,
        data={"organisation": organisation.name, "user": user.email},
    )
    transaction.on_commit(lambda: user_confirmation_send(user=user))
    return user


def user_confirmation_token(*, user: User) -> str:
    return signing.dumps({"user": user.pk, "email": user.email}, salt=CONFIRM_SALT)


def user_confirmation_send(*, user: User) -> None:
    link = settings.WAGTAILADMIN_BASE_URL + reverse(
        "accounts:confirm-email", kwargs={"token": user_confirmation_token(user=user)}
    )
    body = render_to_string(
        "accounts/emails/confirm_email.txt", {"user": user, "link": link, "days": 3}
    )
    send_mail(
        subject=f"Confirm your e-mail address for the {settings.SERVICE_NAME}",
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )


class ConfirmationInvalid(Exception):
    """The link is damaged, expired or for another address."""


@transaction.atomic
def user_email_confirm(*, token: str) -> User:
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ConfirmationInvalid("expired") from error
    except signing.BadSignature as error:
        raise ConfirmationInvalid("invalid") from error
    user = User.objects.select_for_update().filter(pk=payload.get("user")).first()
    if user is None or user.email != payload.get("email"):
        raise ConfirmationInvalid("invalid")
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.is_active = True
        user.save(update_fields=["email_verified_at", "is_active"])
        audit_record(actor=user, action="user.email_confirmed", subject=user)
        join_request_after_confirmation(user=user)
        user.refresh_from_db()  # the approval, if any, saved another copy of the person
    return user


def user_confirmation_resend(*, token: str) -> User | None:
    """Send a fresh link to the holder of an expired one, if the address is still
    unconfirmed. The old link proves the e-mail reached that inbox, so the new one
    goes to the same address; a damaged link gets nothing."""
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT)  # no age limit: expiry is the point
    except signing.BadSignature:
        return None
    user = User.objects.filter(
        pk=payload.get("user"), email=payload.get("email"), email_verified_at__isnull=True
    ).first()
    if user is not None:
        user_confirmation_send(user=user)
        audit_record(actor=None, action="user.confirmation_resent", subject=user)
    return user


def join_request_after_confirmation(*, user: User) -> None:
    """Once the address is proven, the person's request goes to whoever decides.

    The one automatic approval: someone who registered a new organisation becomes
    its first member, provided nobody belongs to it yet (there is nobody else to ask,
    and their address is at the domain the organisation was created with).
    """
    join_request = (
        BuyerOrganisationJoinRequest.objects.select_for_update()
        .filter(user=user, status=JoinRequestStatus.PENDING)
        .select_related("organisation")
        .first()
    )
    if join_request is None:
        return
    organisation = join_request.organisation
    no_members = not buyer_organisation_members(organisation=organisation).exists()
    if join_request.registered_organisation and no_members:
        _join_request_decide(
            actor=None,
            join_request=join_request,
            status=JoinRequestStatus.APPROVED,
            rule="first person to register the organisation",
        )
        return
    transaction.on_commit(lambda: join_request_notify_deciders(join_request=join_request))


def join_request_notify_deciders(*, join_request: BuyerOrganisationJoinRequest) -> int:
    """E-mail the organisation's members; if it has none, CCS administrators."""
    organisation = join_request.organisation
    members = list(buyer_organisation_members(organisation=organisation))
    if members:
        recipients = [member.email for member in members]
        link = absolute_reverse("accounts:join-requests")
    else:
        recipients = [person.email for person in ccs_join_deciders()]
        link = absolute_reverse("join_requests_admin:list")
    return notification_send(
        to=recipients,
        subject=f"{join_request.user.get_full_name()} is asking to join {organisation.name}",
        template="accounts/emails/join_request_to_approver.txt",
        context={"join_request": join_request, "link": link, "for_ccs": not members},
    )


class JoinDecisionRefused(Exception):
    """The decision cannot be made (the message says why, in plain English)."""


def join_request_approve(*, actor: User, join_request: BuyerOrganisationJoinRequest) -> None:
    _join_request_decide_checked(
        actor=actor, join_request=join_request, status=JoinRequestStatus.APPROVED
    )


def join_request_refuse(*, actor: User, join_request: BuyerOrganisationJoinRequest) -> None:
    _join_request_decide_checked(
        actor=actor, join_request=join_request, status=JoinRequestStatus.REFUSED
    )


@transaction.atomic
def _join_request_decide_checked(
    *, actor: User, join_request: BuyerOrganisationJoinRequest, status: str
) -> None:
    if not join_request_may_decide(user=actor, join_request=join_request):
        raise PermissionDenied
    locked = (
        BuyerOrganisationJoinRequest.objects.select_for_update()
        .select_related("user", "organisation")
        .get(pk=join_request.pk)
    )
    if locked.status != JoinRequestStatus.PENDING:
        raise JoinDecisionRefused(
            f"{locked.user.get_full_name()}'s request has already been decided: "
            f"{locked.get_status_display().lower()}."
        )
    if locked.user.email_verified_at is None or not locked.user.is_active:
        raise JoinDecisionRefused(
            f"{locked.user.get_full_name()} has not confirmed their e-mail address yet."
        )
    _join_request_decide(actor=actor, join_request=locked, status=status)
    join_request.refresh_from_db()


def _join_request_decide(
    *, actor: User | None, join_request: BuyerOrganisationJoinRequest, status: str, rule: str = ""
) -> None:
    join_request.status = status
    join_request.decided_by = actor
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    user = join_request.user
    if status == JoinRequestStatus.APPROVED:
        user.buyer_organisation = join_request.organisation
        user.save(update_fields=["buyer_organisation"])
    audit_record(
        actor=actor,
        action=f"join_request.{status}",
        subject=join_request,
        data={
            "organisation": join_request.organisation.name,
            "user": user.email,
            **({"rule": rule} if rule else {}),
        },
    )
    transaction.on_commit(lambda: join_request_outcome_send(join_request=join_request))


def join_request_outcome_send(*, join_request: BuyerOrganisationJoinRequest) -> int:
    approved = join_request.status == JoinRequestStatus.APPROVED
    organisation = join_request.organisation.name
    return notification_send(
        to=[join_request.user.email],
        subject=(
            f"You now belong to {organisation}"
            if approved
            else f"Your request to join {organisation} was refused"
        ),
        template="accounts/emails/join_request_outcome.txt",
        context={
            "join_request": join_request,
            "approved": approved,
            "account_link": absolute_reverse("accounts:your-account"),
        },
    )


# The Wagtail and model permissions each CCS group carries. Kept in code so every
# environment agrees, and re-applied after each migrate so new models join in.
CCS_GROUP_PERMISSIONS = {
    CCS_REVIEWERS_GROUP: [
        "wagtailadmin.access_admin",
        "frameworks.view_buyingorganisation",
        "frameworks.view_framework",
        "frameworks.view_lot",
        "frameworks.view_category",
        "frameworks.view_frameworkusage",
        # Reviewing listings and verifying suppliers: never deleting them.
        "listings.review_listing",
        "listings.view_listing",
        "suppliers.view_supplierorganisation",
        "suppliers.change_supplierorganisation",
        "feedback.moderate_feedback",
        # What buyers search for and fail to find (no personal data).
        "catalogue_search.view_searchdailycount",
    ],
    CCS_ADMINS_GROUP: [
        "wagtailadmin.access_admin",
        "accounts.add_allowedbuyerdomain",
        "accounts.change_allowedbuyerdomain",
        "accounts.delete_allowedbuyerdomain",
        "accounts.view_allowedbuyerdomain",
        "accounts.add_buyerorganisation",
        "accounts.change_buyerorganisation",
        "accounts.view_buyerorganisation",
        "accounts.view_buyerorganisationjoinrequest",
        "accounts.decide_joinrequest",
        "accounts.view_user",
        "core.view_auditevent",
        # The framework map: no delete, frameworks retire through their status.
        "frameworks.add_buyingorganisation",
        "frameworks.change_buyingorganisation",
        "frameworks.view_buyingorganisation",
        "frameworks.add_framework",
        "frameworks.change_framework",
        "frameworks.view_framework",
        "frameworks.add_lot",
        "frameworks.change_lot",
        "frameworks.view_lot",
        "frameworks.add_category",
        "frameworks.change_category",
        "frameworks.view_category",
        "frameworks.add_frameworkusage",
        "frameworks.change_frameworkusage",
        "frameworks.view_frameworkusage",
        "listings.review_listing",
        "listings.view_listing",
        "suppliers.view_supplierorganisation",
        "suppliers.change_supplierorganisation",
        "feedback.moderate_feedback",
        # Card orders: each buyer organisation's largest order (never deleted).
        "orders.add_buyerorderlimit",
        "orders.change_buyerorderlimit",
        "orders.view_buyerorderlimit",
        # Search index updates that failed, counted on the dashboard.
        "catalogue_search.view_pendingengineupdate",
        # Search analytics, and services recommended for a search (never deleted).
        "catalogue_search.view_searchdailycount",
        "catalogue_search.add_recommendedlisting",
        "catalogue_search.change_recommendedlisting",
        "catalogue_search.view_recommendedlisting",
        # Buyer vocabulary for search (switched off, never deleted).
        "catalogue_search.add_buyerphrase",
        "catalogue_search.change_buyerphrase",
        "catalogue_search.view_buyerphrase",
    ],
}


CCS_ADMIN_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def roles_sync(**kwargs) -> None:
    """Create the CCS groups and give them their permissions (idempotent)."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Page

    for group_name, codenames in CCS_GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)
    root = Page.get_first_root_node()
    if root is None:
        return
    admins = Group.objects.get(name=CCS_ADMINS_GROUP)
    for codename in CCS_ADMIN_PAGE_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=codename
        ).first()
        if permission is not None:
            GroupPagePermission.objects.get_or_create(
                group=admins, page=root, permission=permission
            )
