"""Every rule against padding and keyword stuffing, with the message a supplier sees."""

import pytest

from listings.validation import ListingText, listing_text_errors, looks_like_keyword_list

HONEST = ListingText(
    name="Cloud backup for schools",
    summary="Automatic nightly backup of school files and e-mail, kept in the UK.",
    description="We copy your files and mailboxes every night to two UK data centres.",
    features=["Nightly automatic backup", "Self-service restore"],
    benefits=["Recover lost coursework in minutes"],
)


def errors_for(**changes) -> dict[str, list[str]]:
    fields = {**HONEST.__dict__, **changes}
    return listing_text_errors(ListingText(**fields))


def test_an_honest_listing_has_no_errors():
    assert listing_text_errors(HONEST) == {}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "  "}, "name", "Enter a service name"),
        ({"name": "x" * 101}, "name", "Service name must be 100 characters or fewer"),
        (
            {"name": "Backup, DR, archiving, storage"},
            "name",
            "Service name must not be a list of keywords. "
            "Name the service in a few words, like 'Cloud backup for schools'",
        ),
        (
            {"name": "Cloud backup and cloud storage in the cloud"},
            "name",
            "Service name uses 'cloud' 3 times. Use any one word no more than 2 times",
        ),
        ({"summary": ""}, "summary", "Enter a summary"),
        ({"summary": "word " * 51}, "summary", "Summary must be 50 words or fewer"),
        (
            {"summary": "CRM, HR, payroll, finance, case management, email"},
            "summary",
            "Summary must not be a list of keywords. "
            "Write one or two sentences about what the service does",
        ),
        (
            {"summary": "Keywords: backup"},
            "summary",
            "Summary must not be a list of keywords. "
            "Write one or two sentences about what the service does",
        ),
        (
            {"summary": "Backup of backups: we back up backup files with backup tools."},
            "summary",
            "Summary uses 'backup' 4 times. Use any one word no more than 3 times",
        ),
        ({"description": ""}, "description", "Enter a description"),
        ({"description": "word " * 501}, "description", "Description must be 500 words or fewer"),
        (
            {"description": "Secure hosting. " * 11},
            "description",
            "Description uses 'secure' 11 times. Use any one word no more than 10 times",
        ),
        ({"features": ["A feature"] * 11}, "features", "Enter no more than 10 features"),
        (
            {"features": ["one two three four five six seven eight nine ten eleven"]},
            "features",
            "Feature 1 must be 10 words or fewer",
        ),
        (
            {"features": ["Self-service restore", "Nightly backup", "self service restore"]},
            "features",
            "Feature 3 is the same as feature 1",
        ),
        (
            {"benefits": [f"Benefit number {n}" for n in range(11)]},
            "benefits",
            "Enter no more than 10 benefits",
        ),
        (
            {"benefits": ["Saves time", "one two three four five six seven eight nine ten 11"]},
            "benefits",
            "Benefit 2 must be 10 words or fewer",
        ),
        (
            {"benefits": ["Saves time", "Saves time!"]},
            "benefits",
            "Benefit 2 is the same as benefit 1",
        ),
    ],
)
def test_each_rule_gives_its_message_on_its_field(changes, field, message):
    assert message in errors_for(**changes)[field]


def test_plurals_count_as_the_same_word_when_padding():
    errors = errors_for(name="Clouds for cloud users on the cloud")
    assert errors["name"] == [
        "Service name uses 'cloud' 3 times. Use any one word no more than 2 times"
    ]


def test_common_words_may_repeat():
    assert "summary" not in errors_for(
        summary="Backup for the school, for the office and for the home, with the app."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Email, calendar and file sharing",
        "Design, build and run digital services for councils",
        "We host, patch and monitor your servers, so your team can focus on users.",
    ],
)
def test_sentences_with_commas_are_not_keyword_lists(text):
    assert not looks_like_keyword_list(text, min_fragments=3)
