"""What the results page shows: hits as buyers read them, counts in the filter labels,
and the filters a buyer chose as links that take each one away.

Highlights are the only HTML here that is marked safe: both executors escape the
listing's text before they add ``<mark>``. Everything else reaches the template
as plain text and is escaped there.
"""

from collections import Counter
from types import SimpleNamespace

from django import forms
from django.http import QueryDict
from django.urls import reverse
from django.utils.safestring import mark_safe

from feedback.presenters import badge_text
from feedback.selectors import overall_ratings
from marketplace.core.models import Region
from marketplace.core.money import money_text
from suppliers import presenters as supplier_presenters

from .facet_vocabulary import category_nodes
from .facets import Match, facet_get, facets_all
from .request import FacetValue, Hit, SearchRequest, SearchResult

# Filters shown as lists of values with counts, by query parameter (the facets' names).
FACET_FIELDS = tuple(facet.name for facet in facets_all() if facet.match is not Match.YES)
# Single tick boxes, by query parameter → the SearchRequest attribute: the yes/no
# facets (counted), then the filters that narrow everything (not counted).
FLAG_FACETS = tuple(facet.name for facet in facets_all() if facet.match is Match.YES)
FLAGS = {name: facet_get(name).attribute for name in FLAG_FACETS}
FLAGS |= {"open_standards": "open_standards", "apprenticeships": "apprenticeships"}
HINTS = {facet.name: facet.hint for facet in facets_all() if facet.hint}
# Social value filters, shown with the region and size filters before the rest.
SOCIAL_FLAGS = ("vcse", "apprenticeships")
MORE_CATEGORIES = (
    "To see the more specific categories inside one, select it, then select Apply filters."
)
SNIPPET_JOIN = " \N{HORIZONTAL ELLIPSIS} "


def _highlighted(hit: Hit, field: str) -> str | None:
    fragments = hit.highlights.get(field) or []
    # Safe: the executors escape the listing's text before adding <mark> (see the module note).
    return mark_safe(SNIPPET_JOIN.join(fragments)) if fragments else None  # noqa: S308


def _regions_text(document: dict, names: dict[str, str]) -> str:
    if document.get("whole_uk"):
        return "The whole UK"
    return ", ".join(names.get(code, code) for code in document.get("regions", [])) or "Not given"


def hit_items(hits: list[Hit]) -> list[dict]:
    """Each hit as the result list shows it."""
    region_names = dict(Region.objects.values_list("code", "name"))
    # Rating is shown beside each result but is never the default order.
    ratings = overall_ratings(
        supplier_slugs=[hit.document.get("supplier_slug", "") for hit in hits]
    )
    items = []
    for hit in hits:
        document = hit.document
        supplier = SimpleNamespace(is_sme=document.get("is_sme"), is_vcse=document.get("vcse"))
        items.append(
            {
                "href": reverse("listings:detail", kwargs={"pk": hit.listing_id}),
                "name": _highlighted(hit, "name") or document["name"],
                "snippet": _highlighted(hit, "summary")
                or _highlighted(hit, "description")
                or document.get("summary", ""),
                "supplier_name": document.get("supplier_name", ""),
                "supplier_href": reverse(
                    "suppliers:detail", kwargs={"slug": document["supplier_slug"]}
                )
                if document.get("supplier_slug")
                else "",
                "badges": supplier_presenters.badges(supplier),
                "rating": badge_text(*ratings.get(document.get("supplier_slug"), (None, 0))),
                "rating_href": reverse(
                    "feedback:supplier", kwargs={"slug": document["supplier_slug"]}
                )
                if document.get("supplier_slug") in ratings
                else "",
                "regions": _regions_text(document, region_names),
                "framework": document.get("framework_name", ""),
                "lot": document.get("lot_name", ""),
                "price": " ".join(
                    filter(None, [money_text(document["price"]), document.get("price_unit", "")])
                ),
            }
        )
    return items


def _choice_labels(field: forms.Field) -> dict[str, str]:
    return {str(value): str(text) for value, text in field.choices if str(value) != ""}


def filter_labels(form: forms.Form) -> dict[str, dict[str, str]]:
    """The form's own plain-English label for every value of every list filter."""
    return {name: _choice_labels(form.fields[name]) for name in FACET_FIELDS}


def _counted(facet: str, values: list[FacetValue], labels: dict[str, str]) -> list[tuple]:
    choices = [(v.value, f"{labels.get(v.value, v.label)} ({v.count})") for v in values]
    if facet_get(facet).tree:  # tree order, so each category follows its parent
        order = list(labels)
        choices.sort(key=lambda c: order.index(c[0]) if c[0] in order else len(order))
    return choices


def form_with_counts(form: forms.Form, result: SearchResult, labels: dict) -> None:
    """Offer only the values that have services (or that the buyer chose), each with its
    count, as in "North West (12)"."""
    for facet in FACET_FIELDS:
        field = form.fields[facet]
        # A select's field adds its own "Any …" choice first.
        field.choices = _counted(facet, result.facets.get(facet, []), labels[facet])


def select_fields(form: forms.Form) -> list[forms.BoundField]:
    """The one-choice facets (framework, lot), shown as selects."""
    return [form[facet.name] for facet in facets_all() if facet.match is Match.ONE]


def _checked(field: forms.BoundField) -> set[str]:
    value = field.value()
    return {str(v) for v in value} if isinstance(value, list | tuple) else set()


def checkbox_lists(form: forms.Form) -> dict[str, dict]:
    """The list filters other than categories, by name, as one plain group of boxes each
    with its hint: only values with services (or chosen) are offered, with counts."""
    lists = {}
    for name in FACET_FIELDS:
        field = form.fields[name]
        if not isinstance(field.widget, forms.CheckboxSelectMultiple) or facet_get(name).tree:
            continue
        bound = form[name]
        checked = _checked(bound)
        items = [
            {"value": str(value), "text": str(text), "checked": str(value) in checked}
            for value, text in field.choices
        ]
        if items or bound.errors:
            lists[name] = {
                "field": bound,
                "hint": HINTS.get(name, ""),
                "groups": [{"items": items}],
            }
    return lists


def category_groups(form: forms.Form, result: SearchResult) -> list[dict]:
    """The categories as a tree the buyer opens one group at a time: each top-level
    category a group with its count, holding a box for the whole group and one for
    each child. A child's own children are listed once the buyer has chosen it (or
    one of them), so the page never carries every category at once."""
    counts = {v.value: v.count for v in result.facets.get("category", [])}
    chosen = _checked(form["category"]) & set(counts)
    nodes = category_nodes()
    parents = {slug: parent for slug, _name, parent in nodes}
    opened: set[str] = set()  # chosen categories and their ancestors
    for slug in chosen:
        while slug and slug not in opened:
            opened.add(slug)
            slug = parents.get(slug)
    kids: dict[str | None, list[tuple[str, str]]] = {}
    for slug, name, parent in nodes:
        if slug in counts or slug in opened:
            kids.setdefault(parent, []).append((slug, name))

    names = Counter(name for _slug, name, _parent in nodes)

    def box(slug: str, text: str, context: str = "") -> dict:
        # A name used twice in the tree ("Email and secure email") is read out with its
        # group; the others need nothing more, which keeps the page light.
        label = f"{text} ({counts.get(slug, 0)})"
        context = context if names[text] > 1 else ""
        return {"value": slug, "text": label, "checked": slug in chosen, "context": context}

    groups = []
    for slug, name in kids.get(None, []):
        if slug not in kids:  # nothing below it: a single box
            groups.append({"items": [box(slug, name)]})
            continue
        items, more = [box(slug, f"All of {name}")], False
        for child, child_name in kids[slug]:
            item = box(child, child_name, name)
            if child in opened:
                item["children"] = [
                    box(leaf, text, child_name) for leaf, text in kids.get(child, [])
                ]
            else:
                more = more or child in kids
            items.append(item)
        groups.append(
            {
                "summary": f"{name} ({counts.get(slug, 0)})",
                "open": slug in opened,
                "hint": MORE_CATEGORIES if more else "",
                "items": items,
            }
        )
    return groups


def flag_groups(form: forms.Form, result: SearchResult) -> dict[str, list[dict]]:
    """The single tick boxes, each with its own name, in two groups: social value (a
    mission filter, shown first) and the other requirements."""
    counts = {facet: sum(v.count for v in result.facets.get(facet, [])) for facet in FLAG_FACETS}
    groups: dict[str, list[dict]] = {"social": [], "other": []}
    for name in FLAGS:
        field = form[name]
        text = str(field.label)
        if name in counts:
            text = f"{text} ({counts[name]})"
        groups["social" if name in SOCIAL_FLAGS else "other"].append(
            {
                "name": name,
                "id": field.auto_id,
                "value": "on",
                "text": text,
                "checked": bool(field.value()),
            }
        )
    return {key: [{"items": items}] for key, items in groups.items()}


def _without(query: QueryDict, name: str, value: str | None = None) -> str:
    changed = query.copy()
    changed.pop("page", None)
    if value is None:
        changed.pop(name, None)
    else:
        changed.setlist(name, [v for v in changed.getlist(name) if v != value])
    encoded = changed.urlencode()
    return reverse("search:results") + (f"?{encoded}" if encoded else "")


def chosen_filters(
    query: QueryDict, search: SearchRequest, form: forms.Form, labels: dict
) -> list[dict]:
    """Each choice the buyer made, with a link to the same search without it."""
    chosen = []
    if search.keywords:
        chosen.append(
            {"text": f"Remove search words: {search.keywords}", "href": _without(query, "q")}
        )
    for name in FACET_FIELDS:
        for value in query.getlist(name):
            if value in labels[name]:
                chosen.append(
                    {
                        "text": f"Remove filter: {labels[name][value]}",
                        "href": _without(query, name, value),
                    }
                )
    for name, attribute in FLAGS.items():
        if getattr(search, attribute):
            chosen.append(
                {"text": f"Remove filter: {form[name].label}", "href": _without(query, name)}
            )
    for name, which in (("price_min", "Minimum"), ("price_max", "Maximum")):
        amount = getattr(search, name)
        if amount is not None:
            chosen.append(
                {
                    "text": f"Remove filter: {which} price {money_text(amount)}",
                    "href": _without(query, name),
                }
            )
    return chosen


def search_query_string(query: QueryDict) -> str:
    """The search as a query string without the page, to save or to share."""
    changed = query.copy()
    changed.pop("page", None)
    return changed.urlencode()
