"""What the results page says about how it understood the buyer's words.

Category suggestions: when the buyer's words name a category ("payroll" →
"Payroll and HR") or a vocabulary entry ties them to one ("text parents" →
SMS), the page offers the category as a link to the search filtered by it, with
the number of services that link finds. The count is read from the search
table's category rows, which hold each listing's categories and their ancestors,
so it is exactly what the filter ``?category=<slug>`` matches.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from frameworks.models import Category

from .models import SearchEntryValue
from .query_understanding import categories_named
from .request import SearchRequest
from .vocabulary import keywords_understand

CATEGORY_FACET = "category"  # the category facet's name (search/facets.py): query and rows
SUGGESTIONS_MAX = 3


@dataclass(frozen=True)
class CategorySuggestion:
    slug: str
    name: str
    count: int
    href: str


def category_suggestions(*, search: SearchRequest) -> list[CategorySuggestion]:
    """Up to three categories the keywords point at, most services first, not already chosen."""
    if not search.keywords.strip():
        return []
    names = dict(Category.objects.values_list("slug", "name"))
    understanding = keywords_understand(search.keywords)
    slugs = [*understanding.categories, *categories_named(search.keywords, names.items())]
    slugs = [
        slug for slug in dict.fromkeys(slugs) if slug in names and slug not in search.categories
    ]
    if not slugs:
        return []
    counts = dict(
        SearchEntryValue.objects.filter(facet=CATEGORY_FACET, value__in=slugs)
        .values("value")
        .annotate(count=Count("entry_id"))
        .values_list("value", "count")
    )
    ranked = sorted(
        (slug for slug in slugs if counts.get(slug)), key=lambda slug: (-counts[slug], names[slug])
    )
    # Two categories may share a name in different groups ("Training"): offering both
    # would read as a repeat, so the one with more services stands for the name.
    seen: set[str] = set()
    found = [slug for slug in ranked if not (names[slug] in seen or seen.add(names[slug]))]
    results = reverse("search:results")
    return [
        CategorySuggestion(
            slug=slug,
            name=names[slug],
            count=counts[slug],
            href=f"{results}?{urlencode({CATEGORY_FACET: slug})}",
        )
        for slug in found[:SUGGESTIONS_MAX]
    ]
