"""Supplier organisations."""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class SizeBand(models.TextChoices):
    """UK size bands. Micro, small and medium together are SMEs."""

    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


SME_BANDS = frozenset({SizeBand.MICRO, SizeBand.SMALL, SizeBand.MEDIUM})


class SupplierOrganisation(models.Model):
    name = models.CharField(_("legal name"), max_length=255, unique=True)
    trading_name = models.CharField(_("trading name"), max_length=255, blank=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    companies_house_number = models.CharField(_("Companies House number"), max_length=8, blank=True)
    size_band = models.CharField(_("size"), max_length=8, choices=SizeBand.choices, blank=True)
    size_is_illustrative = models.BooleanField(
        _("size is illustrative demo data"),
        default=False,
        help_text=_("Set for demo suppliers whose exact band was derived, not declared."),
    )
    verified = models.BooleanField(_("verified by CCS"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("supplier organisation")
        verbose_name_plural = _("supplier organisations")

    def __str__(self) -> str:
        return self.trading_name or self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:255]
        super().save(*args, **kwargs)

    @property
    def is_sme(self) -> bool:
        return self.size_band in SME_BANDS
