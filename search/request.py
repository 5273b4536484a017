"""What a buyer asked for, independent of how it is answered.

Both executors (the database and the search engine) take a ``SearchRequest``
and return a ``SearchResult``; the FilterSet in ``search/filters.py`` builds the
request from the query string. Keeping it a plain frozen dataclass makes the
query builders pure functions that can be unit-tested without a server.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .facets import FACET_TABLE

SORTS = ("relevance", "price", "name")
PAGE_SIZE = 20

# The facets every results page shows, in display order (declared in search/facets.py).
FACETS = tuple(FACET_TABLE)


@dataclass(frozen=True)
class SearchRequest:
    keywords: str = ""
    framework: str = ""  # framework slug
    lot: str = ""  # "<framework slug>/<lot slug>"
    categories: tuple[str, ...] = ()  # category slugs; a parent includes its children
    regions: tuple[str, ...] = ()  # ITL1 codes the service is delivered in (UK-wide matches all)
    based_in: tuple[str, ...] = ()  # ITL1 codes of the supplier's head office
    sizes: tuple[str, ...] = ()  # size bands; "sme" stands for three (the size facet's group)
    vcse: bool = False
    accreditations: tuple[str, ...] = ()  # accreditation slugs; all must be held
    open_standards: bool = False
    apprenticeships: bool = False
    integrations: tuple[str, ...] = ()  # platform codes; all must be supported
    buy_online: bool = False
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE

    @property
    def offset(self) -> int:
        return (max(self.page, 1) - 1) * self.page_size

    @property
    def effective_sort(self) -> str:
        """Relevance means nothing without keywords, so then the order is by name."""
        if self.sort == "relevance" and not self.keywords.strip():
            return "name"
        return self.sort if self.sort in SORTS else "relevance"


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Hit:
    listing_id: int
    document: dict
    score: float | None = None
    highlights: dict[str, list[str]] = field(default_factory=dict)  # field → escaped HTML


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    executor: str  # "database" or "engine"
    took_ms: float | None = None  # the engine's own "took", when it answered
    fell_back: bool = False  # the engine was unreachable and the database answered
    # Nothing matched every word, so these are the services matching the most of them
    # (search/query_understanding.py); ``matched_words`` are the words each one matches.
    relaxed: bool = False
    matched_words: tuple[str, ...] = ()
