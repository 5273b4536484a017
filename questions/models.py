"""A buyer's question to a supplier about one of its services, and the answers.

The question belongs to the buyer's organisation: anyone in it may read the
thread, and the supplier sees the organisation's name and the question, never
who asked or how to reach them; answers go back through the site. Nothing is
deleted: a thread is the record of what a supplier told a buyer before a purchase.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

QUESTION_MAX = 2000


class Question(models.Model):
    listing = models.ForeignKey(
        "listings.Listing", verbose_name=_("service"), on_delete=models.PROTECT, related_name="+"
    )
    # The version the buyer read when asking: a later change may answer it differently.
    listing_version = models.ForeignKey(
        "listings.ListingVersion", on_delete=models.PROTECT, related_name="+"
    )
    # Kept on the question, not read through the listing, so each side's lists
    # are one indexed filter and the supplier scope cannot drift.
    supplier = models.ForeignKey(
        "suppliers.SupplierOrganisation",
        verbose_name=_("supplier"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    buyer_organisation = models.ForeignKey(
        "accounts.BuyerOrganisation",
        verbose_name=_("buyer organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("question"), max_length=QUESTION_MAX)
    asked_at = models.DateTimeField(_("asked"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [models.Index(fields=["asked_by", "asked_at"], name="question_asked_by_at")]

    def __str__(self) -> str:
        return f"Question {self.pk} to {self.supplier}"


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(_("answer"), max_length=QUESTION_MAX)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        ordering = ["answered_at", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"Answer to question {self.question_id}"
