"""Query understanding: a pure function of the keywords and the vocabulary, no server."""

from search.query_understanding import (
    RELAX_WORDS_MAX,
    VocabularyEntry,
    categories_named,
    meaningful_words,
    relaxation_choose,
    relaxation_sets,
    stem,
    understand,
    vocabulary_merge,
)
from search.relevance import BUYER_VOCABULARY, SYNONYMS


def test_buyer_filler_words_need_not_match_but_are_kept_when_they_are_all_there_is():
    assert meaningful_words("We need help checking our network supplier") == (
        ["network"],
        ["need", "help", "checking", "supplier"],
    )
    assert meaningful_words("somewhere to keep our files") == (["keep", "files"], ["somewhere"])
    # Someone who types only "services" wants the word itself.
    assert meaningful_words("services") == (["services"], [])
    assert understand("the and of") == understand("")


def test_spellings_that_split_differently_are_made_one_word():
    assert understand("E-mail for schools").words == ("email", "schools")
    assert understand("wi-fi").words == ("wifi",)


def test_plurals_and_inflections_share_a_stem_for_vocabulary_lookup():
    assert stem("phones") == stem("phone")
    assert stem("messages") == stem("message")
    assert stem("parents") == stem("parent")
    assert stem("questions") == stem("question")
    assert stem("training") == stem("train")
    assert stem("libraries") == stem("library")
    assert stem("access") == "access"  # not a plural


def test_a_plural_finds_the_singular_vocabulary_entry():
    phones = understand("phones")

    assert [entry.phrase for entry in phones.entries] == ["phone"]
    assert ("telephony",) in phones.phrases
    assert phones.words == ("phones",)  # the executors' stemmers match "phone" themselves


def test_mail_and_e_mail_bring_in_email():
    assert ("email",) in understand("mail").phrases
    assert "messaging" in {word for phrase in understand("e-mail").phrases for word in phrase}


def test_a_buyer_phrase_applies_when_all_its_words_are_there_in_any_order_and_form():
    cases = {
        "keep hackers out of our network": {"firewall", "cyber security"},
        "send text messages to parents": {"sms", "messaging"},
        "staff training online": {"training", "e-learning"},
        "somewhere to keep our files": {"file storage", "backup"},
        "people to answer IT questions": {"service desk", "technical support"},
        "online meetings for the council": {"video conferencing", "collaboration"},
    }
    for keywords, expected in cases.items():
        brought_in = {" ".join(phrase) for phrase in understand(keywords).phrases}
        # Stop words leave the phrases as the executors would ("e learning", "support").
        wanted = {" ".join(w for w in e.replace("-", " ").split() if w != "it") for e in expected}
        assert wanted <= brought_in, keywords


def test_a_phrase_needs_every_one_of_its_words():
    assert "text parents" not in {e.phrase for e in understand("text messages").entries}
    assert not any("firewall" in p for p in understand("keep calm").phrases)


def test_a_phrase_brings_in_its_catalogue_words_even_one_the_buyer_typed():
    # So training services that say nothing of "staff" are found, at the lower weight.
    assert ("training",) in understand("staff training").phrases


def test_the_synonyms_are_a_view_of_the_vocabulary():
    assert set(SYNONYMS) == set(BUYER_VOCABULARY)
    assert SYNONYMS["email"][0] == "messaging"


def test_admin_entries_join_the_shipped_ones_and_replace_the_same_phrase():
    shipped = [VocabularyEntry("phone", ("telephony",)), VocabularyEntry("email", ("messaging",))]
    edited = [
        VocabularyEntry("Phone", ("voip",), ("telephony",)),
        VocabularyEntry("bins", ("waste",)),
    ]
    merged = vocabulary_merge(shipped, edited)

    assert sorted((e.phrase, e.catalogue) for e in merged) == [
        ("Phone", ("voip",)),
        ("bins", ("waste",)),
        ("email", ("messaging",)),
    ]
    found = understand("phones for the office", merged)
    assert found.phrases == (("voip",),)
    assert found.categories == ("telephony",)


def test_relaxation_tries_smaller_sets_of_words_largest_first():
    assert relaxation_sets(["cloud", "migration", "zebra"]) == [
        ("cloud", "migration"),
        ("cloud", "zebra"),
        ("migration", "zebra"),
        ("cloud",),
        ("migration",),
        ("zebra",),
    ]
    assert relaxation_sets(["one"]) == []
    many = relaxation_sets([f"w{i}" for i in range(9)])
    assert len(many) == 2**RELAX_WORDS_MAX - 2
    assert {w for subset in many for w in subset} == {f"w{i}" for i in range(RELAX_WORDS_MAX)}


def test_relaxation_keeps_most_words_then_most_listings_then_the_buyers_order():
    counts = {
        ("cloud", "migration"): 3,
        ("cloud", "zebra"): 0,
        ("migration", "zebra"): 0,
        ("cloud",): 40,
        ("migration",): 5,
        ("zebra",): 0,
    }
    assert relaxation_choose(counts) == ("cloud", "migration")
    counts[("cloud", "migration")] = 0
    assert relaxation_choose(counts) == ("cloud",)
    assert relaxation_choose({("a",): 2, ("b",): 2}) == ("a",)
    assert relaxation_choose({("a",): 0, ("b",): 0}) == ()


def test_categories_named_by_the_buyers_words():
    categories = [
        ("payroll-and-hr", "Payroll and HR"),
        ("firewall", "Firewall"),
        ("backup", "Archiving, backup and disaster recovery"),
        ("hosting", "Compute and application hosting"),
    ]
    assert categories_named("payroll", categories) == ["payroll-and-hr"]
    assert categories_named("we need a firewall", categories) == ["firewall"]
    assert categories_named("backups", categories) == ["backup"]
    assert categories_named("cloud backup for schools", categories) == []
    assert categories_named("the", categories) == []
