"""What buyers searched for, counted by day, and the listings CCS recommends per query.

``SearchDailyCount`` holds no personal data: no user, no IP address, no session,
no time finer than the day. One row per (day, normalised query, filters, buyer
sector) with counters a search adds one to in a single UPDATE, so two searches
at once never lose a count.

``RecommendedListing`` is our own small snippet rather than
``wagtail.contrib.search_promotions`` (see docs/development.md, "Search analytics
and Recommended by CCS"): a promotion there points at a Wagtail page or an
external URL, while a listing is a Django model that can be suspended or
withdrawn; a foreign key to the listing lets the search page show it only while
it is published, and a promotion is deleted outright, which our rule forbids.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import BuyerSector

from .analytics import FILTERS_MAX, QUERY_MAX

NOT_A_BUYER_LABEL = _("Not signed in as a buyer")


class SearchDailyCount(models.Model):
    day = models.DateField(_("day"))
    query = models.CharField(_("search words"), max_length=QUERY_MAX, blank=True)
    filters = models.CharField(_("filters"), max_length=FILTERS_MAX, blank=True)
    # Blank: not signed in, or signed in but not a buyer.
    sector = models.CharField(
        _("buyer sector"), max_length=32, choices=BuyerSector.choices, blank=True
    )
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.PositiveIntegerField(_("searches that found nothing"), default=0)
    relaxed = models.PositiveIntegerField(_("searches that did not match every word"), default=0)
    last_result_count = models.PositiveIntegerField(_("services found (latest search)"), default=0)

    class Meta:
        verbose_name = _("searches on a day")
        verbose_name_plural = _("search analytics")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "query", "filters", "sector"], name="search_daily_count_unique"
            )
        ]
        indexes = [models.Index(fields=["day", "sector"], name="search_daily_day_sector")]

    def __str__(self) -> str:
        return f"{self.day}: {self.query or '(no words)'}"


class RecommendedListing(models.Model):
    query = models.CharField(
        _("search words"),
        max_length=QUERY_MAX,
        help_text=_(
            "The buyer's search words. Capital letters and extra spaces do not matter: "
            "'Keep hackers out' matches 'keep hackers out'."
        ),
    )
    listing = models.ForeignKey(
        "listings.Listing",
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Shown only while it is published."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are shown first.")
    )
    active = models.BooleanField(
        _("shown to buyers"),
        default=True,
        help_text=_("Untick to stop recommending it. Recommendations are kept, never deleted."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("recommended service")
        verbose_name_plural = _("recommended services")
        ordering = ["query", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["query", "listing"], name="recommended_listing_unique")
        ]

    def __str__(self) -> str:
        return f"{self.query}: {self.listing}"
