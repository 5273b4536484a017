"""Writes for the framework map that other apps call."""

from typing import Any

from django.db import transaction
from django.utils.text import slugify

from marketplace.core.services import audit_record

from .models import BuyingOrganisation, BuyingOrganisationType
from .names import organisation_name_key


@transaction.atomic
def buying_organisation_get_or_create(
    *,
    name: str,
    organisation_type: str = BuyingOrganisationType.CENTRAL,
    actor: Any = None,
) -> tuple[BuyingOrganisation, bool]:
    """The buying organisation this name means, created if there is none.

    A name written differently from one we have ("Avon and Somerset Police
    (SWOne)" for "Avon and Somerset Police") finds that one: see
    ``frameworks.names`` for what counts as the same name. The first spelling
    stored stays the organisation's name."""
    name = " ".join(name.split())
    existing = BuyingOrganisation.objects.filter(name_key=organisation_name_key(name)).first()
    if existing is not None:
        return existing, False
    slug = base = slugify(name)[:90] or "organisation"
    suffix = 2
    while BuyingOrganisation.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    organisation = BuyingOrganisation.objects.create(
        name=name, slug=slug, organisation_type=organisation_type
    )
    audit_record(actor=actor, action="buying_organisation.created", subject=organisation)
    return organisation, True
