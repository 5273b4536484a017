"""The facet table: every filter a buyer ticks in a list, declared once.

Each ``Facet`` says what the buyer sees (label, hint, the form's choices, the
results' value names), where the value lives (the document field, and how the
database executor stores it), how many values the engine counts, and how the
buyer's choices combine (one, any of, all of, or a single "yes" tick). Both
executors' filters and counts (search/database.py, database_facets.py,
engine_query.py, engine_executor.py), the FilterSet (filters.py), the labels
(facet_labels.py), the engine mapping, the database table's value rows and the
parity test all read this table, as django-oscar's ``OSCAR_SEARCH_FACETS`` and
the Digital Marketplace's mapping-driven filters do.

Adding a facet: one entry below, the ``SearchRequest`` attribute that carries
the buyer's choice (search/request.py), and the document field's data
(search/documents.py); then rebuild both stores. Store a new facet as
``Store.VALUES``: its rows need no migration, where a column would.

Keywords, price, open standards and apprenticeships are not facets: they narrow
every count and are not counted themselves (see ``main_filter``).
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from listings.vocabulary import PlatformIntegration
from suppliers.models_choices import SME_BANDS, SizeBand

from . import facet_vocabulary as vocabulary
from .facet_vocabulary import TRUE, Choices, Names


class Match(StrEnum):
    """How the buyer's choices in a facet narrow the search."""

    ONE = "one"  # a single choice from a select (framework, lot)
    ANY = "any"  # ticked values: a listing with any of them matches
    ALL = "all"  # ticked values: a listing must hold every one ("ISO 27001 and Cyber Essentials")
    YES = "yes"  # a single tick box: ticked keeps only listings whose field is true


class Store(StrEnum):
    """Where the database executor keeps a facet (search/models.py)."""

    COLUMN = "column"  # a typed ``SearchEntry`` column named as the facet: one value a listing
    VALUES = "values"  # ``SearchEntryValue`` rows, one per (listing, value): many values


class Order(StrEnum):
    """The order a facet's counted values are listed in."""

    COUNT = "count"  # most services first
    VALUE = "value"  # by stored value (ITL1 codes run north to south)
    FIXED = "fixed"  # as ``Facet.fixed`` lists them; nothing else is shown


@dataclass(frozen=True)
class Facet:
    name: str  # query parameter, result key, ``SearchEntryValue.facet`` (16 characters at most)
    attribute: str  # the ``SearchRequest`` attribute holding the buyer's choice
    label: str | Promise  # the filter's label on the form
    field: str  # the document field the engine filters and counts on
    match: Match
    store: Store
    names: Names  # labels for counted values, in results
    choices: Choices | object = ()  # the form's values (a list, or a callable returning one)
    size: int = 100  # how many values the engine counts (the largest first)
    what: str | Promise = ""  # "Choose <what> from the list"
    empty_label: str | Promise = ""  # a select's "any" choice
    hint: str = ""
    order: Order = Order.COUNT
    fixed: tuple[str, ...] = ()  # with ``Order.FIXED``: every value, in order
    # A chosen value standing for several stored ones ("sme": micro, small, medium),
    # with its label; it is listed first, with the sum of their counts.
    groups: dict[str, tuple[str | Promise, tuple[str, ...]]] = field(default_factory=dict)
    # A boolean column and field meaning "holds every value" (a service delivered
    # across the whole UK): the database keeps no value rows for those listings.
    whole: str = ""
    tree: bool = False  # the form lists the values in its own (tree) order, not by count

    def __post_init__(self) -> None:
        if self.store is Store.COLUMN and self.match is Match.ALL:
            raise ValueError(f"{self.name}: a column holds one value, so 'all of' means nothing")
        if self.whole and self.store is not Store.VALUES:
            raise ValueError(f"{self.name}: only value rows can stand for every value")

    def selected(self, request) -> tuple[str, ...]:
        """The values the buyer chose, as chosen ("sme" stays "sme")."""
        chosen = getattr(request, self.attribute)
        if self.match is Match.YES:
            return (TRUE,) if chosen else ()
        if self.match is Match.ONE:
            return (chosen,) if chosen else ()
        return tuple(chosen)

    def wanted(self, request) -> tuple[str, ...]:
        """The stored values the chosen ones stand for: groups expanded, in fixed order."""
        values: list[str] = []
        for value in self.selected(request):
            for stored in self.groups[value][1] if value in self.groups else (value,):
                if stored not in values:
                    values.append(stored)
        if self.fixed:
            values.sort(key=lambda v: self.fixed.index(v) if v in self.fixed else len(self.fixed))
        return tuple(values)

    def ask(self, values: tuple[str, ...]) -> dict:
        """``SearchRequest`` keyword arguments choosing ``values`` in this facet."""
        if self.match is Match.YES:
            return {self.attribute: TRUE in values}
        if self.match is Match.ONE:
            return {self.attribute: values[0] if values else ""}
        return {self.attribute: tuple(values)}


FACET_TABLE: dict[str, Facet] = {
    facet.name: facet
    for facet in (
        Facet(
            name="framework",
            attribute="framework",
            label=_("Framework"),
            field="framework",
            match=Match.ONE,
            store=Store.COLUMN,
            names=vocabulary.framework_names,
            choices=vocabulary.framework_choices,
            size=100,
            what=_("a framework"),
            empty_label=_("Any framework"),
        ),
        Facet(
            name="lot",
            attribute="lot",
            label=_("Lot"),
            field="lot",
            match=Match.ONE,
            store=Store.COLUMN,
            names=vocabulary.lot_names,
            choices=vocabulary.lot_choices,
            size=200,
            what=_("a lot"),
            empty_label=_("Any lot"),
        ),
        Facet(  # a listing holds its categories' ancestors, so a parent finds its children
            name="category",
            attribute="categories",
            label=_("What you want to buy"),
            field="category_slugs",
            match=Match.ANY,
            store=Store.VALUES,
            names=vocabulary.category_names,
            choices=vocabulary.category_choices,
            size=500,
            what=_("categories"),
            tree=True,
        ),
        Facet(
            name="region",
            attribute="regions",
            label=_("Where the service is delivered"),
            field="regions",
            match=Match.ANY,
            store=Store.VALUES,
            names=vocabulary.region_names,
            choices=vocabulary.region_choices,
            size=20,
            what=_("regions"),
            hint="Services delivered across the whole UK count in every region",
            order=Order.VALUE,
            whole="whole_uk",
        ),
        Facet(
            name="based_in",
            attribute="based_in",
            label=_("Where the supplier is based"),
            field="based_in",
            match=Match.ANY,
            store=Store.COLUMN,
            names=vocabulary.region_names,
            choices=vocabulary.region_choices,
            size=20,
            what=_("regions"),
            hint="Where the supplier's head office is, if you prefer local suppliers",
            order=Order.VALUE,
        ),
        Facet(
            name="size",
            attribute="sizes",
            label=_("Supplier size"),
            field="size",
            match=Match.ANY,
            store=Store.COLUMN,
            names=vocabulary.enum_names(SizeBand.choices),
            choices=vocabulary.SIZE_CHOICES,
            size=10,
            what=_("supplier sizes"),
            order=Order.FIXED,
            fixed=tuple(SizeBand.values),
            groups={"sme": (_("SME (micro, small or medium)"), tuple(map(str, SME_BANDS)))},
        ),
        Facet(
            name="vcse",
            attribute="vcse",
            label=_("Voluntary, community and social enterprises (VCSE) only"),
            field="vcse",
            match=Match.YES,
            store=Store.COLUMN,
            names=vocabulary.yes_name(_("Voluntary, community or social enterprise (VCSE)")),
            size=2,
        ),
        Facet(  # all of: a buyer asking for two needs both
            name="accreditation",
            attribute="accreditations",
            label=_("Accreditations the supplier holds"),
            field="accreditations",
            match=Match.ALL,
            store=Store.VALUES,
            names=vocabulary.accreditation_names,
            choices=vocabulary.accreditation_choices,
            size=100,
            what=_("accreditations"),
        ),
        Facet(
            name="integration",
            attribute="integrations",
            label=_("Works with government platforms"),
            field="integrations",
            match=Match.ALL,
            store=Store.VALUES,
            names=vocabulary.enum_names(PlatformIntegration.choices),
            choices=PlatformIntegration.choices,
            size=50,
            what=_("government platforms"),
        ),
        Facet(
            name="buy_online",
            attribute="buy_online",
            label=_("Can be bought online by card"),
            field="buy_online",
            match=Match.YES,
            store=Store.COLUMN,
            names=vocabulary.yes_name(_("Can be bought online by card")),
            size=2,
        ),
    )
}


def facets_all() -> list[Facet]:
    """Every facet, in display order."""
    return list(FACET_TABLE.values())


def facet_get(name: str) -> Facet:
    return FACET_TABLE[name]
