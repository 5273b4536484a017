"""The rating scale and its words.

Five levels with plain wording, anchored on the US Contractor Performance
Assessment Reporting System (CPARS: Exceptional, Very good, Satisfactory,
Marginal, Unsatisfactory) and mapped onto the four contract-performance ratings
of the Procurement Act 2023 key performance indicators (Good, Approaching target,
Requires improvement, Inadequate), so a buyer can read one against the other.
"Not applicable" is its own answer and never counts towards an average.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.IntegerChoices):
    EXCEPTIONAL = 5, _("Exceptional: far better than the contract asked")
    VERY_GOOD = 4, _("Very good: better than the contract asked")
    SATISFACTORY = 3, _("Satisfactory: what the contract asked")
    MARGINAL = 2, _("Marginal: some of what the contract asked, with problems")
    UNSATISFACTORY = 1, _("Unsatisfactory: not what the contract asked")


SHORT_LABELS = {
    5: "Exceptional",
    4: "Very good",
    3: "Satisfactory",
    2: "Marginal",
    1: "Unsatisfactory",
}

# The Procurement Act 2023 KPI rating each level corresponds to.
PROCUREMENT_ACT_RATING = {
    5: "Good",
    4: "Good",
    3: "Approaching target",
    2: "Requires improvement",
    1: "Inadequate",
}

DIMENSIONS = {
    "overall": _("Overall"),
    "quality": _("Quality of delivery"),
    "timeliness": _("Timeliness"),
    "value": _("Value for money"),
    "communication": _("Communication"),
    "social_value": _("Social value"),
}

SMALL_SAMPLE = 3  # fewer reviews than this get a warning next to the figures
