"""Choices shared by the supplier models and the pure modules that use them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeBand(models.TextChoices):
    """UK size bands. Micro, small and medium together are SMEs."""

    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


SME_BANDS = frozenset({SizeBand.MICRO, SizeBand.SMALL, SizeBand.MEDIUM})


class VcseType(models.TextChoices):
    """Voluntary, community and social enterprise types. Blank means not a VCSE."""

    SOCIAL_ENTERPRISE = "social-enterprise", _("Social enterprise")
    CIC = "cic", _("Community interest company")
    CHARITY = "charity", _("Charity")
    COOPERATIVE = "co-operative", _("Co-operative")
    MUTUAL = "public-service-mutual", _("Public service mutual")
    SUPPORTED_EMPLOYMENT = "supported-employment", _("Supported employment provider")


class PartnerRole(models.TextChoices):
    """What the partner is to the supplier that declares the partnership."""

    SUBCONTRACTOR = "subcontractor", _("Our subcontractor")
    PRIME = "prime", _("Our prime contractor")


class PartnershipStatus(models.TextChoices):
    """Where a partnership is in its life. Only a confirmed one is published: the
    organisation named as partner has agreed to it."""

    PROPOSED = "proposed", _("Waiting for the partner to confirm")
    CONFIRMED = "confirmed", _("Confirmed by both organisations")
    DECLINED = "declined", _("Declined by the partner")
    WITHDRAWN = "withdrawn", _("Withdrawn before the partner answered")
    ENDED = "ended", _("Ended")


# Every status but these two is final: the partnership is history.
PARTNERSHIP_CURRENT = (PartnershipStatus.PROPOSED, PartnershipStatus.CONFIRMED)
