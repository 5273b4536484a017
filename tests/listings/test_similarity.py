"""Shingle similarity: the same service told twice is spotted; different services are not."""

from listings.similarity import DUPLICATE_THRESHOLD, shingles, text_similarity

TEXT = (
    "Managed cloud backup for schools. We copy files and mailboxes every night to two "
    "UK data centres, and staff restore lost files themselves from a web page."
)


def test_identical_text_is_fully_similar():
    assert text_similarity(TEXT, TEXT) == 1.0


def test_a_whole_listing_with_one_word_changed_is_a_near_duplicate():
    listing = (
        TEXT
        + " "
        + " ".join(
            f"Paragraph {n} explains restore point {n} kept for thirty days." for n in range(12)
        )
    )
    copy = listing.replace("schools", "academies")
    assert DUPLICATE_THRESHOLD < text_similarity(listing, copy) < 1.0


def test_case_and_punctuation_change_nothing():
    assert text_similarity(TEXT, TEXT.upper().replace(".", "!")) == 1.0


def test_a_short_text_with_one_word_changed_is_not_flagged():
    """Three shingles change per word, so short texts need more than one word in common."""
    assert text_similarity(TEXT, TEXT.replace("schools", "academies")) < DUPLICATE_THRESHOLD


def test_different_services_are_not_similar():
    other = "Penetration testing and IT health checks for local authorities, by CHECK testers."
    assert text_similarity(TEXT, other) < 0.1


def test_shingles_are_three_word_windows():
    assert shingles("one two three four") == {("one", "two", "three"), ("two", "three", "four")}
    assert shingles("two words") == {("two", "words")}
    assert shingles("") == frozenset()
