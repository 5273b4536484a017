"""The supply-chain guidelines (a CCS-edited Wagtail page) and suppliers' declarations
that they follow them.

A version of the guidelines is a publication of the page: Wagtail keeps every
revision, and ``last_published_at`` changes each time CCS publishes. A declaration
records the version it was made for, so when CCS publishes a new version the
declaration reads as being for an earlier one until the supplier declares again.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from marketplace.core.models import ContentBlock


class SupplyChainGuidelinesPage(Page):
    """/supply-chain-guidelines/: how suppliers in a supply chain should work together.

    One page, under the home page. Only CCS can edit it: the CCS admins group holds
    the page permissions (see ``roles_sync`` in ``marketplace.accounts``).
    """

    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences."))
    body = StreamField(ContentBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "suppliers/supply_chain_guidelines_page.html"

    class Meta:
        verbose_name = _("supply-chain guidelines page")

    @property
    def version_published_at(self):
        """When the version the public sees was published: the version's identity."""
        return self.last_published_at

    def get_context(self, request, *args, **kwargs):
        from .selectors import guidelines_version_number

        context = super().get_context(request, *args, **kwargs)
        context["version_number"] = guidelines_version_number(page=self)
        return context


class SupplyChainGuidelinesDeclaration(models.Model):
    """A supplier's statement that it follows one version of the guidelines.

    Each declaration is a new row, so the history of who declared which version
    and when is kept; the newest is the supplier's current declaration.
    """

    supplier = models.ForeignKey(
        "suppliers.SupplierOrganisation",
        on_delete=models.PROTECT,
        related_name="guidelines_declarations",
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("declared by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)
    version_published_at = models.DateTimeField(
        _("version of the guidelines"),
        help_text=_("When the version the supplier declared for was published."),
    )
    # Dates alone cannot tell two versions published on one day apart.
    version_number = models.PositiveIntegerField(_("version number"))
    # A plain number, not a foreign key: Wagtail's purge_revisions may delete old
    # revisions, and the declaration must outlive them.
    revision_id = models.PositiveIntegerField(_("Wagtail revision"), null=True, blank=True)

    class Meta:
        ordering = ["-declared_at", "-pk"]
        get_latest_by = ["declared_at", "pk"]
        verbose_name = _("supply-chain guidelines declaration")
        verbose_name_plural = _("supply-chain guidelines declarations")

    def __str__(self) -> str:
        return f"{self.supplier} follows version {self.version_number} of the guidelines"
