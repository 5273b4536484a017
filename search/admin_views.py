"""The search analytics report in the Wagtail admin: what buyers search for, and
what finds nothing, so CCS can add buyer vocabulary and recommend services.

Open to CCS staff holding ``catalogue_search.view_searchdailycount`` (both CCS
groups; Wagtail's admin URLs already require admin access). It only reads.
"""

from urllib.parse import parse_qsl, urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from marketplace.core.csv_files import csv_response, csv_text

from .analytics_filters import SearchAnalyticsFilterSet, Show
from .analytics_models import SearchDailyCount
from .facets import FACET_TABLE
from .selectors import search_counts_summarise

URL_NAMESPACE = "search_analytics"
VIEW_PERMISSION = "catalogue_search.view_searchdailycount"
PAGE_SIZE = 50
CSV_ROWS_MAX = 10_000
_FILTER_LABELS = {
    "open_standards": _("Supports open standards"),
    "apprenticeships": _("Supplier offers apprenticeships"),
    "price_min": _("Minimum price"),
    "price_max": _("Maximum price"),
}


def vocabulary_url() -> str:
    """Where "Add buyer vocabulary" leads: a new buyer phrase (search.models.BuyerPhrase)."""
    return reverse("wagtailsnippets_catalogue_search_buyerphrase:add")


def filters_text(filters: str) -> str:
    """ "regions=TLC&sizes=micro" as "Region served: TLC; Size: micro"."""
    chosen: dict[str, list[str]] = {}
    for name, value in parse_qsl(filters):
        chosen.setdefault(name, []).append(value)
    parts = []
    for name, values in chosen.items():
        facet = FACET_TABLE.get(name)
        if facet is None:
            parts.append(f"{_FILTER_LABELS.get(name, name)}: {', '.join(values)}")
            continue
        names = facet.names(values)
        parts.append(f"{facet.label}: {', '.join(str(names.get(v, v)) for v in values)}")
    return "; ".join(parts)


def public_search_url(*, query: str, filters: str) -> str:
    words = urlencode({"q": query}) if query else ""
    return reverse("search:results") + "?" + "&".join(part for part in (words, filters) if part)


class SearchAnalyticsView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Search analytics")
    template_name = "search/admin/analytics.html"
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        self.filterset = SearchAnalyticsFilterSet(
            request.GET, queryset=SearchDailyCount.objects.all()
        )
        valid = self.filterset.is_valid()
        rows = (
            search_counts_summarise(rows=self.filterset.qs, show=self.filterset.show_value)
            if valid
            else []
        )
        if valid and request.GET.get("export") == "csv":
            return self._csv(rows)
        context = self.get_context_data(rows=rows, valid=valid, **kwargs)
        return self.render_to_response(context, status=200 if valid else 400)

    def get_context_data(self, *, rows, valid, **kwargs):
        page = Paginator(rows, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        query["export"] = "csv"
        return super().get_context_data(
            form=self.filterset.form,
            show=self.filterset.show_value,
            show_label=dict(Show.CHOICES)[self.filterset.show_value],
            page_obj=page,
            items=[self._item(row) for row in page.object_list] if valid else [],
            csv_href="?" + query.urlencode(),
            page_query=_without_page(self.request.GET),
            vocabulary_href=vocabulary_url(),
            recommend_href=reverse("wagtailsnippets_catalogue_search_recommendedlisting:add"),
            **kwargs,
        )

    def _item(self, row: dict) -> dict:
        return {
            **row,
            "filters_text": filters_text(row["filters"]),
            "href": public_search_url(query=row["query"], filters=row["filters"]),
        }

    def _csv(self, rows):
        header = [
            "Search words",
            "Filters",
            "Searches",
            "Searches that found nothing",
            "Searches that did not match every word",
            "Services found (latest search)",
            "Search page",
        ]
        lines = [
            [
                row["query"],
                filters_text(row["filters"]),
                row["total_searches"],
                row["total_zero"],
                row["total_relaxed"],
                row["latest_result_count"],
                self.request.build_absolute_uri(
                    public_search_url(query=row["query"], filters=row["filters"])
                ),
            ]
            for row in rows[:CSV_ROWS_MAX]
        ]
        return csv_response(
            text=csv_text(header=header, rows=lines), filename="search-analytics.csv"
        )


def _without_page(query) -> str:
    query = query.copy()
    query.pop("page", None)
    query.pop("export", None)
    return query.urlencode()
