"""Writes about users: registration and e-mail confirmation."""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from marketplace.core.services import audit_record

from .models import BuyerOrganisation, User
from .roles import CCS_ADMINS_GROUP, CCS_REVIEWERS_GROUP
from .selectors import buyer_organisation_find

CONFIRM_SALT = "marketplace.accounts.confirm-email"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 3  # three days


@transaction.atomic
def buyer_register(
    *, email: str, full_name: str, organisation_name: str, sector: str, password: str
) -> User:
    """Create a buyer account that stays inactive until its e-mail address is confirmed.

    The caller has already checked the domain is allow-listed (the form does,
    so the message can sit next to the field). Joining an organisation that
    already exists keeps its recorded sector.
    """
    organisation = buyer_organisation_find(name=organisation_name)
    if organisation is None:
        organisation = BuyerOrganisation.objects.create(
            name=organisation_name.strip(), sector=sector
        )
        audit_record(actor=None, action="buyer_organisation.created", subject=organisation)
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name.strip(),
        buyer_organisation=organisation,
        is_active=False,
    )
    audit_record(
        actor=None,
        action="user.registered",
        subject=user,
        data={"role": "buyer", "organisation": organisation.name},
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
    return user


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
