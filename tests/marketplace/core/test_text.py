"""One word splitter and one list of stop words, read by the listing rules and by search."""

from listings.validation import ListingText, listing_text_errors
from marketplace.core.text import STOPWORDS, words
from search.database_text import query_words


def test_words_are_unicode_letters_and_digits_lower_cased():
    assert words("Café-365 backup_for SCHOOLS, 2 sites") == [
        "café",
        "365",
        "backup",
        "for",
        "schools",
        "2",
        "sites",
    ]


def test_an_apostrophe_splits_a_word_and_the_pieces_are_stop_words():
    assert words("It's the supplier's don't") == ["it", "s", "the", "supplier", "s", "don", "t"]
    assert {"s", "t", "don"} <= STOPWORDS


def test_the_stop_words_are_postgresqls_english_list():
    # tsearch_data/english.stop has 127 words; the database search must drop what
    # PostgreSQL's dictionary drops, so the list is kept exactly.
    assert len(STOPWORDS) == 127
    assert {"the", "and", "for", "with", "very", "now"} <= STOPWORDS
    assert "backup" not in STOPWORDS


def test_search_and_the_listing_rules_ignore_the_same_words():
    assert query_words("the backup for the schools") == ["backup", "schools"]
    text = "Backup for the school, for the office and for the home, with the app."
    listing = ListingText(
        name="Backup", summary=text, description="Backup.", features=[], benefits=[]
    )

    assert "summary" not in listing_text_errors(listing)
