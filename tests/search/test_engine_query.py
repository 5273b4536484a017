"""The engine query builder: a pure function of the request, checked without a server."""

from decimal import Decimal

from search.engine_query import FACET_FIELDS, search_request_to_dsl
from search.relevance import SYNONYM_WEIGHT, TIE_BREAKER
from search.request import FACETS, SearchRequest

ENGLISH_FIELDS = [
    "name.english^8",
    "categories.english^5",
    "summary.english^3",
    "features.english^2",
    "description.english^1",
]


def built(**fields) -> dict:
    return search_request_to_dsl(SearchRequest(**fields)).to_dict()


def test_no_keywords_matches_everything_sorted_by_name_without_highlights():
    body = built()

    assert body["query"] == {"match_all": {}}
    assert body["sort"] == [{"name.sort": {"order": "asc"}}, {"id": {"order": "asc"}}]
    assert "highlight" not in body
    assert "post_filter" not in body
    assert body["track_total_hits"] is True
    assert (body["from"], body["size"]) == (0, 20)


def keyword_clauses(keywords: str) -> dict:
    return built(keywords=keywords)["query"]["bool"]["must"][0]["function_score"]["query"]["bool"]


def test_keywords_are_one_cross_fields_match_over_the_stemmed_fields_with_the_spec_boosts():
    should = keyword_clauses("  cloud   backup ")["should"]

    assert should[0] == {
        "multi_match": {
            "query": "cloud backup",
            "type": "cross_fields",
            "fields": ENGLISH_FIELDS,
            "tie_breaker": TIE_BREAKER,
            "operator": "and",
        }
    }


def test_filler_words_are_left_out_of_the_words_that_must_match():
    should = keyword_clauses("we need help with cloud backup services")["should"]

    assert should[0]["multi_match"]["query"] == "cloud backup"


def test_the_keyword_score_is_multiplied_by_the_diversity_prior():
    function_score = built(keywords="backup")["query"]["bool"]["must"][0]["function_score"]

    assert function_score["functions"] == [
        {"field_value_factor": {"field": "diversity_prior", "missing": 1.0}}
    ]
    assert function_score["boost_mode"] == "multiply"


def test_synonyms_join_as_lower_weighted_phrase_clauses():
    clauses = keyword_clauses("email")

    phrases = [c["multi_match"] for c in clauses["should"][1:]]
    assert clauses["minimum_should_match"] == 1
    assert [p["query"] for p in phrases][:3] == ["messaging", "microsoft 365", "office 365"]
    assert {(p["type"], p["operator"]) for p in phrases} == {("best_fields", "and")}
    assert {p["boost"] for p in phrases} == {SYNONYM_WEIGHT}
    assert SYNONYM_WEIGHT < 1


def test_highlights_escape_html_and_cover_name_summary_and_description():
    highlight = built(keywords="backup")["highlight"]

    assert highlight["encoder"] == "html"
    assert highlight["pre_tags"] == ["<mark>"]
    assert set(highlight["fields"]) == {"name.english", "summary.english", "description.english"}
    words, *synonyms = highlight["highlight_query"]["bool"]["should"]
    assert words["multi_match"]["type"] == "best_fields"
    assert [s["multi_match"]["query"] for s in synonyms] == ["disaster recovery", "archiving"]


def test_non_facet_filters_narrow_the_main_query():
    body = built(
        keywords="backup",
        price_min=Decimal("1.00"),
        price_max=Decimal("9.50"),
        open_standards=True,
        apprenticeships=True,
    )

    assert body["query"]["bool"]["filter"] == [
        {"range": {"price": {"gte": 1.0, "lte": 9.5}}},
        {"term": {"has_open_standards": True}},
        {"term": {"apprenticeships": True}},
    ]
    assert "post_filter" not in body


def test_filters_without_keywords_are_a_pure_filter_query():
    body = built(price_max=Decimal("5"))

    assert body["query"] == {"bool": {"filter": [{"range": {"price": {"lte": 5.0}}}]}}


def post_filters(**fields) -> list[dict]:
    return built(**fields)["post_filter"]["bool"]["filter"]


def test_each_facet_choice_becomes_its_filter():
    assert post_filters(framework="g-cloud-14") == [{"term": {"framework": "g-cloud-14"}}]
    assert post_filters(lot="g-cloud-14/cloud-software") == [
        {"term": {"lot": "g-cloud-14/cloud-software"}}
    ]
    assert post_filters(categories=("hosting", "backup")) == [
        {"terms": {"category_slugs": ["hosting", "backup"]}}
    ]
    assert post_filters(regions=("TLC", "TLD")) == [{"terms": {"regions": ["TLC", "TLD"]}}]
    assert post_filters(based_in=("TLK",)) == [{"terms": {"based_in": ["TLK"]}}]
    assert post_filters(vcse=True) == [{"term": {"vcse": True}}]
    assert post_filters(buy_online=True) == [{"term": {"buy_online": True}}]


def test_sme_expands_to_the_three_bands():
    assert post_filters(sizes=("sme",)) == [{"terms": {"size": ["micro", "small", "medium"]}}]
    assert post_filters(sizes=("large", "micro")) == [{"terms": {"size": ["micro", "large"]}}]


def test_accreditations_and_integrations_must_all_be_held():
    assert post_filters(accreditations=("iso-27001", "cyber-essentials")) == [
        {
            "bool": {
                "filter": [
                    {"term": {"accreditations": "iso-27001"}},
                    {"term": {"accreditations": "cyber-essentials"}},
                ]
            }
        }
    ]
    assert post_filters(integrations=("govuk-pay",)) == [
        {"bool": {"filter": [{"term": {"integrations": "govuk-pay"}}]}}
    ]


def test_every_facet_is_counted_with_the_other_facets_filters_only():
    aggs = built(regions=("TLC",), sizes=("small",), vcse=True)["aggs"]
    region, size, vcse = (
        {"terms": {"regions": ["TLC"]}},
        {"terms": {"size": ["small"]}},
        {"term": {"vcse": True}},
    )

    assert set(aggs) == set(FACETS)
    assert aggs["region"]["filter"] == {"bool": {"filter": [size, vcse]}}
    assert aggs["size"]["filter"] == {"bool": {"filter": [region, vcse]}}
    assert aggs["vcse"]["filter"] == {"bool": {"filter": [region, size]}}
    assert aggs["framework"]["filter"] == {"bool": {"filter": [region, size, vcse]}}
    assert aggs["region"]["aggs"]["values"] == {"terms": {"field": "regions", "size": 20}}
    for facet, (field, _size) in FACET_FIELDS.items():
        assert aggs[facet]["aggs"]["values"]["terms"]["field"] == field


def test_with_no_facet_chosen_every_count_covers_all_hits():
    aggs = built(keywords="backup")["aggs"]

    assert {facet: agg["filter"] for facet, agg in aggs.items()} == {
        facet: {"match_all": {}} for facet in FACETS
    }


def test_sorts():
    by_name = [{"name.sort": {"order": "asc"}}, {"id": {"order": "asc"}}]

    assert built(keywords="backup")["sort"] == [{"_score": {"order": "desc"}}, *by_name]
    assert built(keywords="backup", sort="price")["sort"] == [{"price": {"order": "asc"}}, *by_name]
    assert built(keywords="backup", sort="name")["sort"] == by_name
    assert built(sort="relevance")["sort"] == by_name  # no words, nothing to be relevant to


def test_paging():
    body = built(page=3, page_size=10)

    assert (body["from"], body["size"]) == (20, 10)
    assert built(page=0)["from"] == 0


def test_every_facet_has_a_field_and_every_spec_field_is_mapped():
    from search.engine_mapping import MAPPINGS
    from search.relevance import FIELD_BOOSTS

    assert set(FACET_FIELDS) == set(FACETS)
    assert set(FIELD_BOOSTS) <= set(MAPPINGS["properties"])
    assert {field for field, _size in FACET_FIELDS.values()} <= set(MAPPINGS["properties"])
