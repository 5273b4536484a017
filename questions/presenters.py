"""Wording for the question pages: the lists' rows and each thread's state."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from govuk_frontend_django.components.tag import GovUKTag

from .models import Question

BUYER_HEAD = ["Question", "Asked", "Status"]
SUPPLIER_HEAD = ["Question", "Buyer", "Asked", "Status"]
QUESTION_PREVIEW = 60


def when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j M Y")


def status_tag(question: Question):
    if question.answer_count:
        return format_html("{}", GovUKTag(text="Answered", classes="govuk-tag--green"))
    return format_html("{}", GovUKTag(text="Not answered", classes="govuk-tag--yellow"))


def _question_cell(href: str, question: Question, about: str):
    """The question's opening words, linking to the thread, over what it is about:
    two questions about one service are told apart by what they ask, and the table
    stays narrow enough for a phone."""
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>'
        '<span class="govuk-!-display-block govuk-!-font-size-16">{}</span>',
        href,
        Truncator(question.text).chars(QUESTION_PREVIEW),
        about,
    )


def buyer_rows(questions) -> list[list]:
    return [
        [
            _question_cell(
                reverse("questions:detail", kwargs={"pk": q.pk}),
                q,
                f"{q.listing_version.name}, from {q.supplier.display_name}",
            ),
            when(q.asked_at),
            status_tag(q),
        ]
        for q in questions
    ]


def supplier_rows(questions) -> list[list]:
    return [
        [
            _question_cell(
                reverse("supplier_questions:detail", kwargs={"pk": q.pk}),
                q,
                q.listing_version.name,
            ),
            q.buyer_organisation.name,
            when(q.asked_at),
            status_tag(q),
        ]
        for q in questions
    ]
