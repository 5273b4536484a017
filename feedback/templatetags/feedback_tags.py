"""Feedback summaries for other apps' pages: the supplier profile and listing pages
show ``feedback_summary_box``, search results ``feedback_rating_badge``.

Each tag reads the published feedback itself, so a page needs only one line:
``{% load feedback_tags %}{% feedback_summary_box supplier %}``.
"""

from django import template
from django.urls import reverse

from feedback import presenters
from feedback.selectors import feedback_summary, public_feedback

register = template.Library()


def _summary(supplier, listing) -> presenters.SummaryView:
    items = public_feedback(supplier_id=supplier.pk, listing_id=listing.pk if listing else None)
    return presenters.summary_view(feedback_summary(items))


def _url(supplier, listing) -> str:
    if listing is not None:
        return reverse("feedback:listing", kwargs={"listing_id": listing.pk})
    return reverse("feedback:supplier", kwargs={"slug": supplier.slug})


@register.inclusion_tag("feedback/includes/summary.html")
def feedback_summary_box(supplier=None, listing=None):
    """On a listing page pass ``listing=listing``: the figures are for that service."""
    supplier = supplier or listing.supplier
    return {
        "summary": _summary(supplier, listing),
        "summary_head": presenters.SUMMARY_HEAD,
        "url": _url(supplier, listing),
        "subject": str(listing) if listing is not None else supplier.display_name,
    }


@register.inclusion_tag("feedback/includes/rating_badge.html")
def feedback_rating_badge(supplier=None, listing=None):
    supplier = supplier or listing.supplier
    summary = _summary(supplier, listing)
    return {"badge": summary.badge, "url": _url(supplier, listing) if summary.reviews else ""}
