"""People and the public-sector organisations they buy for.

Users sign in with their e-mail address. A user belongs to at most one
organisation: a buyer organisation or a supplier organisation, never both, so a
supplier can never pose as a buyer (which matters for open feedback).
"""

import re

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .roles import CCS_ADMINS_GROUP, CCS_REVIEWERS_GROUP, Role


class BuyerSector(models.TextChoices):
    CENTRAL_GOVERNMENT = "central-government", _("Central government")
    LOCAL_AUTHORITY = "local-authority", _("Local authority")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    POLICE = "police", _("Police")
    FIRE_AND_RESCUE = "fire-and-rescue", _("Fire and rescue")
    DEVOLVED_ADMINISTRATION = "devolved-administration", _("Devolved administration")
    OTHER_PUBLIC_BODY = "other-public-body", _("Other public body")


DOMAIN_PATTERN = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+")


def domain_clean(value: str) -> str:
    """A domain as stored: trimmed, lower-case, without a leading "@" or "."."""
    return value.strip().lower().lstrip("@.")


def domain_covers(*, domain: str, email_domain: str) -> bool:
    """True if the address's domain is ``domain`` or one of its subdomains
    ("leeds.gov.uk" covers "finance.leeds.gov.uk", not "notleeds.gov.uk")."""
    return bool(domain) and (email_domain == domain or email_domain.endswith("." + domain))


class BuyerOrganisation(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    sector = models.CharField(_("sector"), max_length=32, choices=BuyerSector.choices)
    # Only people with an address at one of these (or a subdomain) may ask to join.
    # One a line, so CCS edits them in the organisation's own admin screen.
    email_domains = models.TextField(
        _("e-mail domains"),
        blank=True,
        help_text=_(
            "One a line, for example education.gov.uk. Only people with an e-mail address "
            "at one of these domains, or a subdomain of one, can ask to join. "
            "With none, nobody can ask to join."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("buyer organisation")
        verbose_name_plural = _("buyer organisations")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:255]
        super().save(*args, **kwargs)

    @property
    def domain_list(self) -> list[str]:
        return [d for d in (domain_clean(line) for line in self.email_domains.splitlines()) if d]

    def clean(self):
        super().clean()
        domains = self.domain_list
        if not all(DOMAIN_PATTERN.fullmatch(d) for d in domains):
            raise ValidationError(
                {"email_domains": _("Enter domains like education.gov.uk, one a line")}
            )
        self.email_domains = "\n".join(dict.fromkeys(domains))


class AllowedBuyerDomain(models.Model):
    """An e-mail domain whose holders may register as buyers.

    A domain also admits its subdomains: "gov.uk" admits "education.gov.uk".
    CCS edits this list in the Wagtail admin.
    """

    domain = models.CharField(
        _("domain"),
        max_length=253,
        unique=True,
        help_text=_("For example gov.uk or nhs.net. Subdomains are included."),
    )
    description = models.CharField(_("who uses it"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["domain"]
        verbose_name = _("allowed buyer e-mail domain")
        verbose_name_plural = _("allowed buyer e-mail domains")

    def __str__(self) -> str:
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = domain_clean(self.domain)
        super().save(*args, **kwargs)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=255, blank=True)
    is_staff = models.BooleanField(
        _("staff status"), default=False, help_text=_("Can sign in to the Django admin.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    email_verified_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    buyer_organisation = models.ForeignKey(
        BuyerOrganisation,
        verbose_name=_("buyer organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    supplier_organisation = models.ForeignKey(
        "suppliers.SupplierOrganisation",
        verbose_name=_("supplier organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="user_one_organisation_at_most",
                condition=models.Q(buyer_organisation__isnull=True)
                | models.Q(supplier_organisation__isnull=True),
                violation_error_message=_(
                    "A user can belong to a buyer or a supplier organisation, not both."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def group_names(self) -> frozenset[str]:
        return frozenset(self.groups.values_list("name", flat=True))

    @property
    def role(self) -> Role:
        if self.is_superuser or CCS_ADMINS_GROUP in self.group_names:
            return Role.CCS_ADMIN
        if CCS_REVIEWERS_GROUP in self.group_names:
            return Role.CCS_REVIEWER
        if self.buyer_organisation_id:
            return Role.BUYER
        if self.supplier_organisation_id:
            return Role.SUPPLIER
        return Role.ANONYMOUS

    @property
    def is_buyer(self) -> bool:
        return self.buyer_organisation_id is not None

    @property
    def is_verified_buyer(self) -> bool:
        return self.is_buyer and self.email_verified_at is not None

    @property
    def is_supplier_user(self) -> bool:
        return self.supplier_organisation_id is not None

    @property
    def is_ccs_staff(self) -> bool:
        return self.role in {Role.CCS_ADMIN, Role.CCS_REVIEWER}


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class BuyerOrganisationJoinRequest(models.Model):
    """Someone asking to belong to a buyer organisation.

    Membership itself is ``User.buyer_organisation``, which every app reads, and it
    is set only when a request is approved: until then the person sees nothing of
    the organisation. A request is decided once (approved or refused), records who
    decided and when, and is never deleted.
    """

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.PROTECT, related_name="join_requests"
    )
    organisation = models.ForeignKey(
        BuyerOrganisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="join_requests",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=JoinRequestStatus.choices,
        default=JoinRequestStatus.PENDING,
    )
    # The person registered the organisation itself: they become its first member
    # when they confirm their e-mail address, if nobody has joined it by then.
    registered_organisation = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("request to join a buyer organisation")
        verbose_name_plural = _("requests to join a buyer organisation")
        permissions = [("decide_joinrequest", "Can approve or refuse requests to join")]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="join_request_one_pending_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} asks to join {self.organisation}"
