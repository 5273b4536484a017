"""The buyer's filter form, and the ``SearchRequest`` it builds from the query string.

One FilterSet renders the filter form (a GET, so every search is a link that
works without JavaScript) and validates the answers; ``search_request()`` turns
the valid answers into the request both executors take. Nothing here reads the
HTTP request, so the Wagtail admin can reuse it on its own views.

Invalid answers become form errors in plain English (the page answers 400 and
keeps the form); ``search_request()`` then uses only the valid answers, so it
never raises.
"""

from decimal import Decimal

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from frameworks.models import Category, Framework, Lot
from listings.vocabulary import PlatformIntegration
from marketplace.core.models import Region
from marketplace.core.money import PoundsField
from suppliers.models import Accreditation, SizeBand

from .database import entries_matching
from .models import SearchEntry
from .request import PAGE_SIZE, SearchRequest

KEYWORDS_MAX = 200
PRICE_MAX = Decimal("9999999999.99")
# Engines page no further than 10,000 results (from + size), so neither do we.
PAGE_MAX = 10_000 // PAGE_SIZE

SIZE_CHOICES = [
    ("sme", _("Any small or medium-sized enterprise (SME)")),
    (SizeBand.MICRO, _("Micro (fewer than 10 staff)")),
    (SizeBand.SMALL, _("Small (fewer than 50 staff)")),
    (SizeBand.MEDIUM, _("Medium (fewer than 250 staff)")),
    (SizeBand.LARGE, _("Large (250 staff or more)")),
]
SORT_CHOICES = [
    ("relevance", _("Best match")),
    ("price", _("Lowest price")),
    ("name", _("Name (A to Z)")),
]


def _framework_choices():
    return list(Framework.objects.order_by("name").values_list("slug", "name"))


def _lot_choices():
    lots = Lot.objects.select_related("framework").order_by("framework__name", "number")
    return [
        (f"{lot.framework.slug}/{lot.slug}", f"{lot.framework.name}: Lot {lot.number} {lot.name}")
        for lot in lots
    ]


def _category_choices():
    """Every category, in tree order, named with its parents ("Software: Backup")."""
    names: dict[str, str] = {}
    choices = []
    for path, slug, name in Category.objects.order_by("path").values_list("path", "slug", "name"):
        parent = names.get(path[: -Category.steplen])
        names[path] = f"{parent}: {name}" if parent else name
        choices.append((slug, names[path]))
    return choices


def _region_choices():
    return list(Region.objects.order_by("code").values_list("code", "name"))


def _accreditation_choices():
    return list(Accreditation.objects.values_list("slug", "name"))


def _choose_from_list(what: str) -> dict[str, str]:
    message = _("Choose %(what)s from the list") % {"what": what}
    return {"invalid_choice": message, "invalid_list": message}


def _checkboxes(label, choices, what) -> django_filters.MultipleChoiceFilter:
    return django_filters.MultipleChoiceFilter(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_choose_from_list(what),
    )


class PriceFilter(django_filters.NumberFilter):
    field_class = PoundsField

    @classmethod
    def bound(cls, which) -> "PriceFilter":
        """The minimum or maximum price filter, with its messages."""
        return cls(
            label=_("%(which)s price (£)") % {"which": which},
            what=_("price"),
            decimal_places=None,  # a bound to compare with, not an amount to store
            min_value=0,
            max_value=PRICE_MAX,
            error_messages={
                "invalid": _("%(which)s price must be a number, like 10 or 12.50")
                % {"which": which},
                "min_value": _("%(which)s price must be £0 or more") % {"which": which},
                "max_value": _("%(which)s price must be less than £10 billion") % {"which": which},
            },
        )


class CheckboxFilter(django_filters.BooleanFilter):
    """A single tick box: ticked narrows the search, unticked does not filter."""

    field_class = forms.BooleanField


class PageFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class ListingSearchForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("price_min"), cleaned.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "price_max",
                ValidationError(
                    _("Maximum price must be the same as or more than the minimum price"),
                    code="price_order",
                ),
            )
        framework, lot = cleaned.get("framework"), cleaned.get("lot")
        if framework and lot and not lot.startswith(f"{framework}/"):
            self.add_error(
                "lot",
                ValidationError(
                    _("Choose a lot from the framework you chose, or choose any framework"),
                    code="lot_framework",
                ),
            )
        return cleaned


class ListingSearchFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search for services"),
        max_length=KEYWORDS_MAX,
        error_messages={
            "max_length": _("Search words must be %(max)s characters or fewer")
            % {"max": KEYWORDS_MAX}
        },
    )
    framework = django_filters.ChoiceFilter(
        label=_("Framework"),
        choices=_framework_choices,
        empty_label=_("Any framework"),
        error_messages=_choose_from_list(_("a framework")),
    )
    lot = django_filters.ChoiceFilter(
        label=_("Lot"),
        choices=_lot_choices,
        empty_label=_("Any lot"),
        error_messages=_choose_from_list(_("a lot")),
    )
    category = _checkboxes(_("What you want to buy"), _category_choices, _("categories"))
    region = _checkboxes(_("Where the service is delivered"), _region_choices, _("regions"))
    based_in = _checkboxes(_("Where the supplier is based"), _region_choices, _("regions"))
    size = _checkboxes(_("Supplier size"), SIZE_CHOICES, _("supplier sizes"))
    vcse = CheckboxFilter(label=_("Voluntary, community and social enterprises (VCSE) only"))
    accreditation = _checkboxes(
        _("Accreditations the supplier holds"), _accreditation_choices, _("accreditations")
    )
    open_standards = CheckboxFilter(label=_("Supports open standards"))
    apprenticeships = CheckboxFilter(label=_("Supplier offers apprenticeships"))
    integration = _checkboxes(
        _("Works with government platforms"), PlatformIntegration.choices, _("government platforms")
    )
    buy_online = CheckboxFilter(label=_("Can be bought online by card"))
    price_min = PriceFilter.bound(_("Minimum"))
    price_max = PriceFilter.bound(_("Maximum"))
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        empty_label=None,
        error_messages=_choose_from_list(_("an order")),
    )
    page = PageFilter(
        label=_("Page"),
        min_value=1,
        max_value=PAGE_MAX,
        error_messages={
            "invalid": _("Page must be a whole number, like 2"),
            "min_value": _("Page must be 1 or more"),
            "max_value": _("There are no more than %(max)s pages. Narrow your search to see more")
            % {"max": PAGE_MAX},
        },
    )

    class Meta:
        model = SearchEntry
        fields: list[str] = []
        form = ListingSearchForm

    def search_request(self) -> SearchRequest:
        """The buyer's request, from the answers that are valid (all of them, if the form is)."""
        self.is_valid()
        data = self.form.cleaned_data
        return SearchRequest(
            keywords=" ".join((data.get("q") or "").split()),
            framework=data.get("framework") or "",
            lot=data.get("lot") or "",
            categories=tuple(data.get("category") or ()),
            regions=tuple(data.get("region") or ()),
            based_in=tuple(data.get("based_in") or ()),
            sizes=tuple(data.get("size") or ()),
            vcse=bool(data.get("vcse")),
            accreditations=tuple(data.get("accreditation") or ()),
            open_standards=bool(data.get("open_standards")),
            apprenticeships=bool(data.get("apprenticeships")),
            integrations=tuple(data.get("integration") or ()),
            buy_online=bool(data.get("buy_online")),
            price_min=data.get("price_min"),
            price_max=data.get("price_max"),
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
        )

    def filter_queryset(self, queryset):
        """The entries the request allows, through the database executor's own filters."""
        return entries_matching(self.search_request(), queryset)
