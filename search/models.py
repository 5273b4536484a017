"""The database executor's own copy of the catalogue: one row per published listing.

Why a denormalised table rather than querying listings directly: a buyer's search
filters and counts on a dozen attributes spread over five tables (listing,
version, supplier, lot, category tree). Flattening each published listing's
search document into typed, indexed columns makes every filter one indexed
comparison and every facet count one grouped query, on SQLite and PostgreSQL
alike. The rows are derived data, rebuilt from the listings at any time
(``search_entries_rebuild``), so deleting one is not deleting anything a user wrote.

Many-valued attributes (regions served, categories with their ancestors,
accreditations, platform integrations) live in ``SearchEntryValue``, one row per
(listing, facet, value), rather than in delimited text columns. A delimited
column needs a ``LIKE '%|TLC|%'`` scan for every filter and one conditional
count per possible value (hundreds of categories) for its facet; the join table
answers "any of" with an indexed ``IN``, "all of" with one indexed lookup per
value, and a facet's counts with one ``GROUP BY`` that finds its own values, the
same on SQLite and PostgreSQL. A service delivered across the whole UK has no
region rows (``whole_uk`` stands for all twelve), which keeps the table small.
Single-valued attributes are typed columns here, for filters, counts and sorting.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from .relevance import FIELD_BOOSTS

# The text fields searched, in boost order: name, categories, summary, features, description.
TEXT_FIELDS: tuple[str, ...] = tuple(FIELD_BOOSTS)


class SearchEntry(models.Model):
    listing = models.OneToOneField(
        "listings.Listing", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )

    # Filters, facets and sort orders.
    framework = models.CharField(max_length=120)
    lot = models.CharField(max_length=230)  # "<framework slug>/<lot slug>"
    size = models.CharField(max_length=8, blank=True)
    vcse = models.BooleanField(default=False)
    based_in = models.CharField(max_length=3, blank=True)
    whole_uk = models.BooleanField(default=False)
    open_standards = models.BooleanField(default=False)
    apprenticeships = models.BooleanField(default=False)
    buy_online = models.BooleanField(default=False)
    price = models.DecimalField(max_digits=12, decimal_places=2)
    name_sort = models.CharField(max_length=100, db_index=True)
    refreshed_at = models.DateTimeField(auto_now=True)

    # The large columns come last. SQLite reads a row's columns in order and keeps
    # what does not fit in a page in overflow pages, so the filter columns above
    # stay on the first page and a scan for counts never reads the text.
    document = models.JSONField(_("search document"))

    # The searched text, each word kept once per field (term-frequency capping, see
    # search/database_text.py). SQLite's FTS5 table reads these columns; PostgreSQL
    # keeps the stemmed form of each in the tsvector columns below.
    text_name = models.TextField(blank=True)
    text_categories = models.TextField(blank=True)
    text_summary = models.TextField(blank=True)
    text_features = models.TextField(blank=True)
    text_description = models.TextField(blank=True)

    # PostgreSQL only (NULL on SQLite): one stripped tsvector per field, so each
    # field is ranked on its own and multiplied by its boost, and one for matching
    # across all fields, which has the GIN index (added by migration 0002).
    tsv_name = SearchVectorField(null=True)
    tsv_categories = SearchVectorField(null=True)
    tsv_summary = SearchVectorField(null=True)
    tsv_features = SearchVectorField(null=True)
    tsv_description = SearchVectorField(null=True)
    tsv_all = SearchVectorField(null=True)

    # The listing's lexical-diversity prior (search/relevance.py ``diversity_prior``),
    # computed when the entry is written; the relevance score is multiplied by it.
    # Nullable without a default (read as 1 until the next rebuild writes it) because
    # SQLite can then add the column in place: any other new column makes Django
    # rebuild the table, which drops the triggers keeping the FTS5 table in step.
    diversity_prior = models.FloatField(null=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            # Every small column in one index (and no single-column indexes to
            # tempt the planner away from it), so that SQLite filters and counts
            # by scanning this index instead of rows carrying kilobytes of text.
            models.Index(
                fields=[
                    "vcse",
                    "buy_online",
                    "whole_uk",
                    "open_standards",
                    "apprenticeships",
                    "size",
                    "based_in",
                    "framework",
                    "lot",
                    "price",
                    # The key is a bigint, not SQLite's rowid, so it must be in
                    # the index for the index to cover "listing_id IN (...)".
                    "listing",
                ],
                name="search_entry_filters",
            )
        ]

    def __str__(self) -> str:
        return self.document.get("name", f"Listing {self.pk}")


class SearchEntryValue(models.Model):
    """One value of one facet for one entry: a region served, a category, an accreditation…"""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=16)  # a facet's name in search/facets.py
    value = models.CharField(max_length=255)

    class Meta:
        verbose_name = _("search entry value")
        verbose_name_plural = _("search entry values")
        constraints = [
            models.UniqueConstraint(
                fields=["facet", "value", "entry"], name="search_entry_value_unique"
            )
        ]
        indexes = [models.Index(fields=["entry", "facet"], name="search_value_entry_facet")]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class PendingEngineUpdate(models.Model):
    """A listing whose engine document could not be refreshed.

    The task retries it with growing delays (search/tasks.py); any later successful
    refresh picks it up, and a rebuild covers it, so it is repaired by the next run
    either way. CCS see the count on the admin dashboard. Derived state like the
    search table: a row goes when its listing's document is right again.
    """

    listing = models.OneToOneField(
        "listings.Listing", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    first_failed_at = models.DateTimeField(auto_now_add=True)
    last_tried_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search index update that failed")
        verbose_name_plural = _("search index updates that failed")
        ordering = ["first_failed_at"]

    def __str__(self) -> str:
        return f"Listing {self.listing_id}"


class BuyerPhrase(models.Model):
    """Buyer vocabulary CCS keep in the admin, beside the list shipped in code
    (search/relevance.py ``BUYER_VOCABULARY``).

    Read at query time (search/vocabulary.py), so an entry applies to the next
    search without rebuilding any index. Entries are switched off, never deleted:
    the audit trail points at them.
    """

    phrase = models.CharField(
        _("buyer's words"),
        max_length=100,
        unique=True,
        help_text=_(
            'How buyers say it, for example "text parents". It applies when a search '
            "has all of these words, in any order."
        ),
    )
    catalogue_words = models.TextField(
        _("catalogue words"),
        blank=True,
        help_text=_('What suppliers call it, one per line, for example "sms".'),
    )
    categories = models.ManyToManyField(
        "frameworks.Category",
        verbose_name=_("categories"),
        blank=True,
        related_name="+",
        help_text=_("Categories suggested to buyers whose search has these words."),
    )
    live = models.BooleanField(
        _("in use"), default=True, help_text=_("Untick to stop using this entry.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("buyer phrase")
        verbose_name_plural = _("buyer phrases")
        ordering = ["phrase"]

    def __str__(self) -> str:
        return self.phrase

    @property
    def catalogue(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.catalogue_words.splitlines() if line.strip())


class SpellingWord(models.Model):
    """A word of the catalogue, as suppliers wrote it, and how many listings use it.

    The vocabulary "did you mean" suggests from (search/database_spelling.py): kept
    in step with ``SearchEntry`` by the same refreshes and rebuilds, so derived
    data like it. On PostgreSQL a trigram index (migration 0005) finds the words
    close to a misspelling.
    """

    word = models.CharField(max_length=100, primary_key=True)
    listings = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("spelling word")
        verbose_name_plural = _("spelling words")

    def __str__(self) -> str:
        return self.word


# Search analytics and "Recommended by CCS" live in their own module.
from .analytics_models import RecommendedListing, SearchDailyCount  # noqa: E402, F401
