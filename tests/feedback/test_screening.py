"""Text that looks like personal data or abuse is highlighted for the moderator."""

from feedback.screening import findings, highlighted


def test_emails_phones_and_offensive_words_are_found():
    text = "Call Jo on 0113 496 0000 or +44 20 7946 0018, jo.bloggs@example.com. Useless."
    kinds = [f.kind for f in findings(text)]
    assert kinds == [
        "personal data: phone",
        "personal data: phone",
        "personal data: e-mail",
        "offensive",
    ]


def test_highlighting_escapes_everything_else():
    html = highlighted("<script>x</script> mail me at a@b.co")
    assert html.startswith("&lt;script&gt;")
    assert '<mark title="personal data: e-mail">a@b.co</mark>' in html


def test_ordinary_text_has_no_findings():
    assert findings("The team delivered 3 releases in 2025 for 1,200 users.") == []
