"""The engine index's settings and mapping, versioned in code.

The index name carries both the document version (``documents.DOCUMENT_VERSION``)
and ``MAPPING_VERSION``, so a change to either is a new index built beside the
old one and swapped in by alias, never an in-place edit of a live index.
"""

from datetime import UTC, datetime

from django.conf import settings

from marketplace.core.text import STOPWORDS

from .documents import DOCUMENT_VERSION
from .facets import Match, facets_all
from .spelling_rules import FIELDS as SPELLING_SOURCES

MAPPING_VERSION = 3  # bump with any change below

# Term-frequency capping: BM25 with k1 = 0 makes the tf factor
# tf·(k1+1) / (tf + k1·(…)) equal to 1 for any tf ≥ 1, so a word scores the same
# whether it appears once or twenty times (and field length stops mattering,
# because length normalisation is multiplied by k1). Positions are still indexed,
# so highlighting and phrase matching (the synonym phrases) work as usual.
CAPPED_SIMILARITY = "tf_capped"

ENGLISH_ANALYZER = "english_plain"

# "Did you mean" (search/engine_spelling.py): the vocabulary fields' words, copied
# into one field and split, lower-cased and stop-worded as marketplace.core.text
# does for the database's vocabulary, but never stemmed, so the term suggester
# offers words as suppliers wrote them ("payroll", not "payrol").
SPELLING_FIELD = "spelling"
SPELLING_ANALYZER = "spelling_words"

INDEX_SETTINGS = {
    "max_result_window": 10_000,
    "similarity": {CAPPED_SIMILARITY: {"type": "BM25", "k1": 0.0, "b": 0.75}},
    "analysis": {
        "filter": {
            "english_stop": {"type": "stop", "stopwords": "_english_"},
            "english_stemmer": {"type": "stemmer", "language": "english"},
            "english_possessive": {"type": "stemmer", "language": "possessive_english"},
            "spelling_stop": {"type": "stop", "stopwords": sorted(STOPWORDS)},
        },
        "tokenizer": {
            # Python's [^\W_]+ (marketplace.core.text.WORD): split on non-letters and "_".
            "spelling_split": {
                "type": "pattern",
                "pattern": "[\\W_]+",
                "flags": "UNICODE_CHARACTER_CLASS",
            }
        },
        "analyzer": {
            ENGLISH_ANALYZER: {
                "tokenizer": "standard",
                "filter": ["english_possessive", "lowercase", "english_stop", "english_stemmer"],
            },
            SPELLING_ANALYZER: {
                "tokenizer": "spelling_split",
                "filter": ["lowercase", "spelling_stop"],
            },
        },
        "normalizer": {"sortable": {"type": "custom", "filter": ["lowercase", "asciifolding"]}},
    },
}


def _text(*, sortable: bool = False) -> dict:
    """A searchable text field: plain words, plus an English-stemmed, tf-capped subfield."""
    fields = {
        "english": {
            "type": "text",
            "analyzer": ENGLISH_ANALYZER,
            "similarity": CAPPED_SIMILARITY,
        }
    }
    if sortable:
        fields["sort"] = {"type": "keyword", "normalizer": "sortable", "ignore_above": 256}
    return {"type": "text", "similarity": CAPPED_SIMILARITY, "fields": fields}


KEYWORD = {"type": "keyword"}
BOOLEAN = {"type": "boolean"}
STORED_ONLY = {"type": "keyword", "index": False, "doc_values": False}


def _facet_fields() -> dict:
    """Each facet's field (search/facets.py): exact values to filter and count on,
    a boolean for a yes/no facet and a keyword for any other."""
    return {facet.field: BOOLEAN if facet.match is Match.YES else KEYWORD for facet in facets_all()}


MAPPINGS = {
    "dynamic": "strict",  # a document field not declared here is a bug, not a guess
    "properties": {
        **_facet_fields(),
        "id": {"type": "integer"},
        "version": {"type": "integer"},
        "name": _text(sortable=True),
        "summary": _text(),
        "description": _text(),
        "features": _text(),
        "benefits": _text(),
        "categories": _text(),
        "framework_name": STORED_ONLY,
        "lot_name": STORED_ONLY,
        "supplier_name": _text(),
        "supplier_slug": KEYWORD,
        "is_sme": BOOLEAN,
        "whole_uk": BOOLEAN,
        "open_standards": KEYWORD,
        "has_open_standards": BOOLEAN,
        "apprenticeships": BOOLEAN,
        "price": {"type": "scaled_float", "scaling_factor": 100},
        "price_unit": STORED_ONLY,
        "published_at": {"type": "date"},
        # relevance.diversity_prior: the keyword score is multiplied by it.
        "diversity_prior": {"type": "float"},
        SPELLING_FIELD: {"type": "text", "analyzer": SPELLING_ANALYZER},
    },
}
# The vocabulary fields are also copied into the spelling field.
for _source in SPELLING_SOURCES:
    MAPPINGS["properties"][_source] = {
        **MAPPINGS["properties"][_source],
        "copy_to": [SPELLING_FIELD],
    }


def index_alias() -> str:
    """The stable name searches use; it points at exactly one built index."""
    return f"{settings.SEARCH_INDEX_PREFIX}-listings"


def index_pattern() -> str:
    """Every built index under this prefix (and only this prefix)."""
    return f"{index_alias()}-v*"


def index_name_new() -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
    return f"{index_alias()}-v{DOCUMENT_VERSION}.{MAPPING_VERSION}-{stamp}"


def index_body() -> dict:
    """A new index: shards from settings, and no replica until it is loaded (copying
    each bulk request to a replica would only slow the load down)."""
    shape = {"number_of_shards": settings.SEARCH_INDEX_SHARDS, "number_of_replicas": 0}
    # The facet fields as the table has them now, though a declared field wins.
    properties = {**_facet_fields(), **MAPPINGS["properties"]}
    return {
        "settings": {"index": {**shape, **INDEX_SETTINGS}},
        "mappings": {**MAPPINGS, "properties": properties},
    }
