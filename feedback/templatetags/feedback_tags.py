"""Feedback summaries for other apps' pages: the supplier profile and listing pages
show ``feedback_summary_box``, search results ``feedback_rating_badge``.

Each tag reads the published feedback itself, so a page needs only one line:
``{% load feedback_tags %}{% feedback_summary_box supplier %}``. The figures are
always the supplier's (``selectors.supplier_figures``, the rule search results
use too), so a service page never contradicts its supplier's rating in search.
"""

from django import template
from django.urls import reverse

from feedback import presenters
from feedback.selectors import public_feedback, supplier_figures

register = template.Library()


def _summary(supplier) -> presenters.SummaryView:
    figures = supplier_figures(supplier_slugs=[supplier.slug])[supplier.slug]
    return presenters.summary_view(figures)


def _url(supplier) -> str:
    return reverse("feedback:supplier", kwargs={"slug": supplier.slug})


@register.inclusion_tag("feedback/includes/summary.html")
def feedback_summary_box(supplier=None, listing=None):
    """On a listing page pass ``listing=listing``: the figures are still the
    supplier's, with a link to the feedback on that service when there is some."""
    supplier = supplier or listing.supplier
    on_service = listing is not None and bool(public_feedback(listing_id=listing.pk))
    return {
        "summary": _summary(supplier),
        "summary_head": presenters.SUMMARY_HEAD,
        "url": _url(supplier),
        "subject": supplier.display_name,
        "listing": listing,
        "service_url": reverse("feedback:listing", kwargs={"listing_id": listing.pk})
        if on_service
        else "",
    }


@register.inclusion_tag("feedback/includes/rating_badge.html")
def feedback_rating_badge(supplier=None, listing=None):
    supplier = supplier or listing.supplier
    summary = _summary(supplier)
    return {"badge": summary.badge, "url": _url(supplier) if summary.reviews else ""}
