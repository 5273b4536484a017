"""The "did you mean" rules both executors share, without a database or an engine."""

import pytest

from search.spelling_rules import (
    Candidate,
    Spelling,
    edit_distance,
    max_edits,
    spelling_candidate_choose,
    spelling_make,
    spelling_words_checked,
    vocabulary_words,
)

pytestmark = pytest.mark.smoke

VOCABULARY = [
    Candidate("payroll", 40),
    Candidate("patrol", 2),
    Candidate("email", 90),
    Candidate("emails", 12),
    Candidate("backup", 70),
    Candidate("back", 9),
    Candidate("firewall", 25),
    Candidate("security", 120),
    Candidate("hacker", 1),
    Candidate("cloud", 300),
    Candidate("clout", 1),
]


def choose(word: str) -> str | None:
    return spelling_candidate_choose(word=word, candidates=VOCABULARY)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("payrol", "payroll"),  # a letter missing
        ("firewal", "firewall"),
        ("emial", "email"),  # two letters swapped count as one edit
        ("securty", "security"),
        ("backp", "backup"),  # "back" is one edit away too, but fewer listings use it
        ("clod", "cloud"),  # "clout" is as near, and used by one listing only
        ("seqirity", "security"),  # two edits in a long word
    ],
)
def test_a_misspelling_gets_the_nearest_catalogue_word(typed, meant):
    assert choose(typed) == meant


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("hackers", "an inflection of a catalogue word is no misspelling"),
        ("xmail", "a correction keeps the buyer's first letter"),
        ("emoal", "two edits is too many for a five-letter word"),
        ("quantum", "nothing in the catalogue is close"),
    ],
)
def test_no_suggestion_without_a_close_word(typed, why):
    assert choose(typed) is None, why


def test_a_word_the_catalogue_has_is_never_corrected():
    assert choose("payroll") is None  # though "patrol" is two edits away


def test_equally_near_and_equally_used_words_are_chosen_alphabetically():
    candidates = [Candidate("cart", 5), Candidate("card", 5)]

    assert spelling_candidate_choose(word="carx", candidates=candidates) == "card"


@pytest.mark.parametrize(
    ("first", "second", "distance"),
    [
        ("payrol", "payroll", 1),
        ("emial", "email", 1),
        ("backup", "backup", 0),
        ("seqirity", "security", 2),
        ("secuirty", "security", 1),
        ("kitten", "sitting", 3),
        ("abc", "abcdefgh", 3),  # far apart in length: stops at once
    ],
)
def test_edit_distance_stops_one_above_the_limit(first, second, distance):
    assert edit_distance(first, second, limit=2) == min(distance, 3)


def test_short_words_allow_one_edit_and_longer_ones_two():
    assert [max_edits(word) for word in ("mail", "email", "backup", "security")] == [1, 1, 2, 2]


def test_only_plausible_misspellings_are_checked():
    checked = spelling_words_checked(keywords="The Payrol for our HR team, payrol 2024 e-mail")

    # Stop words, short words, numbers and repeats are left alone.
    assert checked == ["payrol", "team", "mail"]


def test_the_correction_keeps_the_buyer_s_other_words_and_punctuation():
    spelling = spelling_make(
        keywords="Cyber  securty for schools, securty audit",
        corrections={"securty": "security"},
    )

    assert spelling == Spelling(
        keywords="Cyber security for schools, security audit",
        corrections=(("securty", "security"),),
    )


def test_nothing_to_correct_makes_no_suggestion():
    assert spelling_make(keywords="payroll", corrections={}) is None


def test_the_vocabulary_is_a_listing_s_distinct_searchable_words():
    document = {
        "name": "Payroll for Schools",
        "categories": ["Payroll and HR"],
        "summary": "Payroll, pensions and the rest.",
        "features": ["Pensions"],
        "description": "",
        "supplier_name": "Acme Ltd",  # not a word buyers' searches match
    }

    assert vocabulary_words(document) == {"payroll", "schools", "hr", "pensions", "rest"}
