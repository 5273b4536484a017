"""Marks text a moderator should look at twice: personal data and offensive words.

It highlights; it does not decide. A moderator reads every item anyway, and
these marks point at the words most likely to need redacting or rejecting.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# UK phone numbers: +44 or 0, then 9 or 10 more digits in any common grouping.
PHONE = re.compile(r"(?:\+44\s?\(?0?\)?|\b0)(?:[\s-]?\d){9,10}\b")
# A short, deliberately mild list; moderators add judgement, not a longer list.
OFFENSIVE = re.compile(
    r"\b(?:idiot\w*|stupid|moron\w*|useless|crap|shit\w*|fuck\w*|bastard\w*|wanker\w*)\b",
    re.IGNORECASE,
)
CHECKS = (
    ("personal data: e-mail", EMAIL),
    ("personal data: phone", PHONE),
    ("offensive", OFFENSIVE),
)


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int
    end: int


def findings(text: str) -> list[Finding]:
    found = [
        Finding(kind, match.group(0), match.start(), match.end())
        for kind, pattern in CHECKS
        for match in pattern.finditer(text)
    ]
    return sorted(found, key=lambda f: f.start)


def highlighted(text: str) -> SafeString:
    """The text, escaped, with each finding wrapped in <mark> for the moderator."""
    parts, position = [], 0
    for finding in findings(text):
        if finding.start < position:
            continue  # overlapping matches: the first wins
        parts.append(escape(text[position : finding.start]))
        parts.append(f'<mark title="{escape(finding.kind)}">{escape(finding.text)}</mark>')
        position = finding.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped
