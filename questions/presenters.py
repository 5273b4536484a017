"""Wording for the question pages: the lists' rows and each thread's state."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from govuk_frontend_django.components.tag import GovUKTag

from .models import Question

BUYER_HEAD = ["Service", "Supplier", "Asked", "Status"]
SUPPLIER_HEAD = ["Service", "Buyer organisation", "Asked", "Status"]


def when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y, g:i a")


def status_tag(question: Question):
    if question.answer_count:
        return format_html("{}", GovUKTag(text="Answered", classes="govuk-tag--green"))
    return format_html("{}", GovUKTag(text="Not answered", classes="govuk-tag--yellow"))


def _link(href: str, text: str):
    return format_html('<a class="govuk-link" href="{}">{}</a>', href, text)


def buyer_rows(questions) -> list[list]:
    return [
        [
            _link(reverse("questions:detail", kwargs={"pk": q.pk}), q.listing_version.name),
            q.supplier.display_name,
            when(q.asked_at),
            status_tag(q),
        ]
        for q in questions
    ]


def supplier_rows(questions) -> list[list]:
    return [
        [
            _link(
                reverse("supplier_questions:detail", kwargs={"pk": q.pk}), q.listing_version.name
            ),
            q.buyer_organisation.name,
            when(q.asked_at),
            status_tag(q),
        ]
        for q in questions
    ]
