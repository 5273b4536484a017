"""The fixed lists a listing chooses from. Codes are stable; labels are plain English."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ListingStatus(models.TextChoices):
    """Where a listing stands with buyers. The version under review has its own state."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SUPERSEDED = "superseded", _("Replaced by a later version")


class PricingModel(models.TextChoices):
    FIXED = "fixed", _("Fixed price")
    PER_UNIT = "per-unit", _("Price per unit")
    SUBSCRIPTION = "subscription", _("Subscription")
    PAY_AS_YOU_GO = "pay-as-you-go", _("Pay as you go")
    TIERED = "tiered", _("Tiered pricing")


class PriceUnit(models.TextChoices):
    USER = "user", _("per user")
    LICENCE = "licence", _("per licence")
    INSTANCE = "instance", _("per instance")
    SERVER = "server", _("per server")
    GIGABYTE = "gigabyte", _("per gigabyte")
    TRANSACTION = "transaction", _("per transaction")
    UNIT = "unit", _("per unit")
    HOUR = "hour", _("per hour")
    DAY = "day", _("per day")
    MONTH = "month", _("per month")
    YEAR = "year", _("per year")
    SERVICE = "service", _("per service")


class OpenStandard(models.TextChoices):
    ODF = "odf", _("Open Document Format (ODF)")
    OPENAPI = "openapi", _("OpenAPI")
    OIDC = "openid-connect", _("OAuth 2.0 and OpenID Connect")
    SAML = "saml", _("SAML 2.0")
    CSV = "csv", _("CSV files")
    JSON = "json", _("JSON")
    HTML5 = "html5", _("HTML5")
    WCAG = "wcag-22", _("WCAG 2.2 (accessibility)")
    PDFA = "pdf-a", _("PDF/A for documents")
    SMTP = "smtp-imap", _("SMTP and IMAP (email)")
    IPV6 = "ipv6", _("IPv6")
    TLS = "tls", _("TLS 1.2 or later")


class PlatformIntegration(models.TextChoices):
    """Government platforms a service works with."""

    PAY = "govuk-pay", _("GOV.UK Pay")
    NOTIFY = "govuk-notify", _("GOV.UK Notify")
    ONE_LOGIN = "govuk-one-login", _("GOV.UK One Login")
    FORMS = "govuk-forms", _("GOV.UK Forms")
    PSN = "psn", _("Public Services Network (PSN)")
    HSCN = "hscn", _("Health and Social Care Network (HSCN)")
    NHS_LOGIN = "nhs-login", _("NHS login")


def labels_for(choices: type[models.TextChoices], codes: list[str]) -> list[str]:
    """Labels for stored codes, skipping any code no longer offered."""
    known = dict(choices.choices)
    return [str(known[code]) for code in codes if code in known]
