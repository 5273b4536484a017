"""Reads about users and buyer organisations."""

from django.db.models import QuerySet

from .models import AllowedBuyerDomain, BuyerOrganisation


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
