"""Text that looks like personal data or abuse is highlighted for the moderator."""

import pytest

from feedback.screening import findings, highlighted


def test_emails_phones_and_offensive_words_are_found():
    text = "Call Jo on 0113 496 0000 or +44 20 7946 0018, jo.bloggs@example.com. Useless."
    kinds = [f.kind for f in findings(text)]
    assert kinds == [
        "personal data: name",
        "personal data: phone",
        "personal data: phone",
        "personal data: e-mail",
        "offensive",
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Our account manager, Priya Shah, was great.", ["Priya Shah"]),
        ("Mr O'Neill and Dr. Amy McDonald helped.", ["O'Neill", "Amy McDonald"]),
        ("A consultant called Tom fixed it; ask for Anna-Marie.", ["Tom", "Anna-Marie"]),
        ("The project lead was Sam Jones.", ["Sam Jones"]),
    ],
)
def test_likely_names_of_people_are_found(text, names):
    found = [f for f in findings(text) if f.kind == "personal data: name"]

    assert [f.text for f in found] == names
    assert all(text[f.start : f.end] == f.text for f in found)  # the name alone is marked


@pytest.mark.parametrize(
    "text",
    [
        "The manager was slow and the lead time was long.",  # no capitalised word follows
        "They called back quickly and named a fair price.",
        "Priya fixed it.",  # a known limit: no title or introducing word, so not found
    ],
)
def test_text_without_a_title_or_introducing_word_has_no_name(text):
    assert [f for f in findings(text) if f.kind == "personal data: name"] == []


def test_highlighting_escapes_everything_else():
    html = highlighted("<script>x</script> mail me at a@b.co")
    assert html.startswith("&lt;script&gt;")
    assert '<mark title="personal data: e-mail">a@b.co</mark>' in html


def test_a_name_is_marked_without_the_word_before_it():
    assert highlighted("Ask for Sam Jones <b>") == (
        'Ask for <mark title="personal data: name">Sam Jones</mark> &lt;b&gt;'
    )


def test_ordinary_text_has_no_findings():
    assert findings("The team delivered 3 releases in 2025 for 1,200 users.") == []
