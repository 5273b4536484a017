"""Reads of questions, each scoped to one side: the buyer's organisation or the
supplier. A question outside the scope is simply not found."""

from datetime import datetime

from django.db.models import Count, Prefetch, QuerySet

from suppliers.models import SupplierOrganisation

from .models import Answer, Question


def _with_thread(questions: QuerySet[Question]) -> QuerySet[Question]:
    return questions.select_related(
        "listing_version", "supplier", "buyer_organisation"
    ).prefetch_related(Prefetch("answers", queryset=Answer.objects.order_by("answered_at", "pk")))


def questions_for_buyer(*, user) -> QuerySet[Question]:
    """The questions the user's buyer organisation has asked, newest first."""
    if not user.buyer_organisation_id:
        return Question.objects.none()
    return _with_thread(
        Question.objects.filter(buyer_organisation_id=user.buyer_organisation_id)
    ).annotate(answer_count=Count("answers"))


def question_get_for_buyer(*, user, pk: int) -> Question | None:
    return questions_for_buyer(user=user).filter(pk=pk).first()


def questions_for_supplier(*, supplier: SupplierOrganisation) -> QuerySet[Question]:
    return _with_thread(Question.objects.filter(supplier=supplier)).annotate(
        answer_count=Count("answers")
    )


def question_get_for_supplier(*, supplier: SupplierOrganisation, pk: int) -> Question | None:
    return questions_for_supplier(supplier=supplier).filter(pk=pk).first()


def questions_asked_since(*, user, since: datetime) -> int:
    return Question.objects.filter(asked_by=user, asked_at__gte=since).count()
