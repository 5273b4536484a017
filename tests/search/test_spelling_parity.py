"""Parity of "did you mean" on the demo catalogue: the engine's term suggester on the
real OpenSearch node and the database's vocabulary (pg_trgm on PostgreSQL) suggest
the same correction for the same misspelling, and nothing for words spelt right.

The demo catalogue is loaded once for the module (the slow part; its command
builds both stores) inside a transaction rolled back afterwards.
"""

import io
import os
import random
import uuid

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from search.database_spelling import database_spelling_suggest
from search.engine_client import engine_client
from search.engine_spelling import engine_spelling_suggest
from search.models import SpellingWord
from tests.service_checks import http_answers, service_missing

pytestmark = [pytest.mark.django_db, pytest.mark.opensearch]

MISSPELT = {
    "payrol": "payroll",
    "firewal": "firewall",
    "emial": "email",
    "cyber securty": "cyber security",
    "backp": "backup",
    "sotfware": "software",
    "secruity": "security",
    "websiet": "website",
    "telephny": "telephony",
    "recruitmnet": "recruitment",
    "clodu hosting": "cloud hosting",
    "maintainance": "maintenance",
    "payrol for schools": "payroll for schools",
}
SPELT_RIGHT = [
    "payroll",
    "firewall",
    "email",
    "cyber security",
    "backup",
    "cloud hosting for schools",
    "service desk",
    "hackers",  # not in the catalogue, but "hacker" is no correction of it
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    url = os.environ.get("SEARCH_ENGINE_URL", settings.SEARCH_ENGINE_URL)
    if not http_answers(url):  # as the opensearch_url fixture, once for the module
        service_missing("The OpenSearch node", f"nothing answers at {url}")
    prefix = f"marketplace-test-spelling-{uuid.uuid4().hex[:8]}"
    engine = {
        "SEARCH_ENGINE": "opensearch",
        "SEARCH_ENGINE_URL": url,
        "SEARCH_INDEX_PREFIX": prefix,
        "SEARCH_ENGINE_TIMEOUT": 5.0,  # about answers, not speed (see conftest.search_engine)
    }
    with override_settings(**engine):
        try:
            with django_db_blocker.unblock(), transaction.atomic():
                call_command("load_demo_data", "--no-users", stdout=io.StringIO())
                yield
                transaction.set_rollback(True)
        finally:
            engine_client().indices.delete(index=f"{prefix}*", expand_wildcards="all")


def suggestions(keywords: str) -> tuple[str | None, str | None]:
    engine = engine_spelling_suggest(keywords=keywords)
    database = database_spelling_suggest(keywords=keywords)
    return (engine.keywords if engine else None, database.keywords if database else None)


@pytest.mark.parametrize(("typed", "meant"), MISSPELT.items())
def test_both_executors_suggest_the_same_catalogue_word(demo, typed, meant):
    assert suggestions(typed) == (meant, meant)


@pytest.mark.parametrize("keywords", SPELT_RIGHT)
def test_neither_executor_corrects_words_spelt_right(demo, keywords):
    assert suggestions(keywords) == (None, None)


def test_both_executors_agree_on_hundreds_of_generated_typos(demo):
    """A letter dropped, changed or swapped in 200 catalogue words used by 3 or more
    listings (a fixed seed): the engine and the database answer each the same."""
    vocabulary = set(SpellingWord.objects.values_list("word", flat=True))
    common = sorted(SpellingWord.objects.filter(listings__gte=3).values_list("word", flat=True))
    rng = random.Random(13)
    typos = []
    for word in rng.sample([w for w in common if len(w) >= 5 and w.isalpha()], 200):
        at = rng.randrange(1, len(word) - 1)
        typo = rng.choice(
            [
                word[:at] + word[at + 1 :],
                word[:at] + rng.choice("aeioustr") + word[at + 1 :],
                word[:at] + word[at + 1] + word[at] + word[at + 2 :],
            ]
        )
        if typo not in vocabulary:
            typos.append(typo)

    answers = {typo: suggestions(typo) for typo in typos}

    disagreements = {typo: pair for typo, pair in answers.items() if pair[0] != pair[1]}
    assert disagreements == {}
    corrected = sum(1 for engine, _ in answers.values() if engine)
    assert corrected >= 0.8 * len(typos)  # most typos of common words find their word
