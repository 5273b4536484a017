"""Reads about users, buyer organisations and requests to join them."""

from typing import Any

from django.db.models import QuerySet

from .models import (
    AllowedBuyerDomain,
    BuyerOrganisation,
    BuyerOrganisationJoinRequest,
    JoinRequestStatus,
    User,
    domain_covers,
)
from .roles import CCS_ADMINS_GROUP

DECIDE_PERMISSION = "accounts.decide_joinrequest"


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].strip().lower() if "@" in email else ""


def buyer_domain_is_allowed(*, email: str) -> bool:
    """True if the address is on an allow-listed domain or a subdomain of one."""
    domain = email_domain(email)
    if not domain:
        return False
    parts = domain.split(".")
    candidates = {".".join(parts[i:]) for i in range(len(parts))}
    return AllowedBuyerDomain.objects.filter(domain__in=candidates).exists()


def buyer_organisation_find(*, name: str) -> BuyerOrganisation | None:
    return BuyerOrganisation.objects.filter(name__iexact=name.strip()).first()


def buyer_organisation_list() -> QuerySet[BuyerOrganisation]:
    return BuyerOrganisation.objects.order_by("name")


def buyer_organisation_members(*, organisation: BuyerOrganisation) -> QuerySet[User]:
    """The people who belong to the organisation and can act for it: approved,
    with a confirmed address and an active account."""
    return User.objects.filter(
        buyer_organisation=organisation, is_active=True, email_verified_at__isnull=False
    ).order_by("full_name", "email")


def ccs_join_deciders() -> QuerySet[User]:
    """CCS administrators, who decide requests for an organisation nobody belongs to."""
    return User.objects.filter(is_active=True, groups__name=CCS_ADMINS_GROUP).distinct()


def join_request_latest_for(*, user: Any) -> BuyerOrganisationJoinRequest | None:
    """The person's most recent request to join an organisation, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        BuyerOrganisationJoinRequest.objects.filter(user=user)
        .select_related("organisation", "decided_by")
        .order_by("-created_at", "-pk")
        .first()
    )


def join_requests_waiting() -> QuerySet[BuyerOrganisationJoinRequest]:
    """Requests waiting for a decision, from people who have confirmed their
    address (an unconfirmed address proves nothing, so nobody is asked to judge it)."""
    return (
        BuyerOrganisationJoinRequest.objects.filter(
            status=JoinRequestStatus.PENDING,
            user__is_active=True,
            user__email_verified_at__isnull=False,
        )
        .select_related("user", "organisation")
        .order_by("created_at", "pk")
    )


def join_requests_for_organisation(*, user: Any) -> QuerySet[BuyerOrganisationJoinRequest]:
    """Waiting requests to join the signed-in member's own organisation."""
    if not getattr(user, "is_verified_buyer", False):
        return BuyerOrganisationJoinRequest.objects.none()
    return join_requests_waiting().filter(organisation_id=user.buyer_organisation_id)


def join_requests_decided_for_organisation(
    *, user: Any, limit: int = 20
) -> list[BuyerOrganisationJoinRequest]:
    """The organisation's most recent decisions, newest first, so members see who
    let whom in."""
    if not getattr(user, "is_verified_buyer", False):
        return []
    return list(
        BuyerOrganisationJoinRequest.objects.filter(organisation_id=user.buyer_organisation_id)
        .exclude(status=JoinRequestStatus.PENDING)
        .select_related("user", "decided_by")
        .order_by("-decided_at", "-pk")[:limit]
    )


def join_request_may_decide(*, user: Any, join_request: BuyerOrganisationJoinRequest) -> bool:
    """A member of the organisation (approved, confirmed, active) or CCS may decide;
    nobody decides their own request."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    if user.pk == join_request.user_id:
        return False
    if user.has_perm(DECIDE_PERMISSION):
        return True
    return user.is_verified_buyer and user.buyer_organisation_id == join_request.organisation_id


def organisation_admits(*, organisation: BuyerOrganisation, email: str) -> bool:
    domain = email_domain(email)
    return any(domain_covers(domain=d, email_domain=domain) for d in organisation.domain_list)


def join_refusal_message(*, organisation: BuyerOrganisation, email: str) -> str | None:
    """Why this address cannot ask to join the organisation, or None if it can."""
    if organisation_admits(organisation=organisation, email=email):
        return None
    domains = organisation.domain_list
    if not domains:
        return (
            f"Nobody can join {organisation.name} through this service yet. "
            "Ask someone at your organisation to contact us so we can add its e-mail domain."
        )
    listed = " or ".join(domains)
    return (
        f"Only people with an e-mail address at {listed} can join {organisation.name}. "
        "Check the name of your organisation, or register with your address there."
    )


# Plainer words than the models' names for the two relations people see most.
RELATION_NOUNS = {
    "users": ("person who belongs to it", "people who belong to it"),
    "join_requests": ("request to join", "requests to join"),
}


def buyer_organisation_kept_because(*, organisation: BuyerOrganisation) -> list[str]:
    """What still refers to the organisation (people, requests to join, projects,
    feedback...), in words: any of it means the organisation is kept, because
    deleting it would delete or orphan what people wrote."""
    reasons = []
    for relation in organisation._meta.related_objects:
        if relation.many_to_many or relation.one_to_one:
            continue
        count = relation.related_model._default_manager.filter(
            **{relation.field.name: organisation}
        ).count()
        if count:
            meta = relation.related_model._meta
            singular, plural = RELATION_NOUNS.get(
                relation.get_accessor_name(), (meta.verbose_name, meta.verbose_name_plural)
            )
            reasons.append(f"{count} {singular if count == 1 else plural}")
    return reasons
