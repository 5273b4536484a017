"""People and the public-sector organisations they buy for.

Users sign in with their e-mail address. A user belongs to at most one
organisation: a buyer organisation or a supplier organisation, never both, so a
supplier can never pose as a buyer (which matters for open feedback).
"""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
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


class BuyerOrganisation(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    sector = models.CharField(_("sector"), max_length=32, choices=BuyerSector.choices)
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
        self.domain = self.domain.strip().lower().lstrip("@.")
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
