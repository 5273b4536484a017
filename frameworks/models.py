"""Buying organisations, their frameworks and lots, and the category taxonomy
that lots map onto."""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node


class BuyingOrganisationType(models.TextChoices):
    CENTRAL = "central", _("Central purchasing body")
    REGIONAL = "regional", _("Regional or devolved purchasing body")
    LOCAL = "local", _("Local authority or consortium")
    HEALTH = "health", _("Health purchasing body")


class BuyingOrganisation(models.Model):
    """An organisation that runs frameworks, such as CCS, ESPO or YPO."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    abbreviation = models.CharField(_("short name"), max_length=32, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    organisation_type = models.CharField(
        _("type"), max_length=16, choices=BuyingOrganisationType.choices
    )
    sectors_served = models.JSONField(
        _("sectors served"), default=list, blank=True, help_text=_("Buyer sector codes.")
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("buying organisation")
        verbose_name_plural = _("buying organisations")

    def __str__(self) -> str:
        return self.abbreviation or self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.abbreviation or self.name)[:100]
        super().save(*args, **kwargs)


class FrameworkStatus(models.TextChoices):
    COMING = "coming", _("Coming")
    OPEN = "open", _("Open for applications")
    PENDING = "pending", _("Evaluating applications")
    STANDSTILL = "standstill", _("Standstill")
    LIVE = "live", _("Live")
    EXPIRED = "expired", _("Expired")


class Framework(models.Model):
    reference = models.CharField(_("reference"), max_length=32, blank=True)
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    owner = models.ForeignKey(
        BuyingOrganisation,
        verbose_name=_("buying organisation"),
        on_delete=models.PROTECT,
        related_name="frameworks",
    )
    sectors = models.JSONField(
        _("sectors that may use it"), default=list, blank=True, help_text=_("Buyer sector codes.")
    )
    description = models.TextField(_("what you can buy"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=FrameworkStatus.choices, default=FrameworkStatus.LIVE
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"], name="framework_unique_name_per_owner"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Lot(models.Model):
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="lots"
    )
    number = models.CharField(_("lot number"), max_length=8)
    slug = models.SlugField(_("slug"), max_length=100)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    max_categories = models.PositiveSmallIntegerField(
        _("most categories a service may choose"), null=True, blank=True
    )
    categories = models.ManyToManyField(
        "Category", verbose_name=_("categories"), blank=True, related_name="lots"
    )

    class Meta:
        ordering = ["framework", "number"]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="lot_unique_slug"),
            models.UniqueConstraint(fields=["framework", "number"], name="lot_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.framework.name}: Lot {self.number} {self.name}"


class Category(MP_Node):
    """A node in the category taxonomy. Searching by a parent includes its children,
    which the materialised path makes a prefix match."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    cpv_codes = models.JSONField(_("CPV codes"), default=list, blank=True)

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name
