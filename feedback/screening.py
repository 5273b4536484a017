"""Marks text a moderator should look at twice: personal data (names, e-mail
addresses, phone numbers) and offensive words.

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
# Likely names of people, marked so a moderator can redact them as personal data.
# A heuristic with known limits, which is why it only highlights:
# - it finds a capitalised word (or two) after a title ("Mr Patel", "Dr Amy
#   Lee") or after a word that introduces a person ("our account manager Priya
#   Shah", "a consultant called Tom", "ask for Jo");
# - it misses names written in lower case, names with no title or introducing
#   word before them ("Priya fixed it"), and names in scripts without capitals;
# - it marks capitalised words that are not people ("manager Microsoft Teams").
# O'Neill, McDonald, Anna-Marie.
_NAME_WORD = r"(?:[A-Z]['\u2019])?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z]?[a-z]+)?"
_NAME = rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
_TITLE = r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame)\.?\s+"
_INTRODUCES = (
    r"\b(?i:manager|director|officer|engineer|consultant|analyst|developer|technician|"
    r"adviser|advisor|coordinator|co-ordinator|administrator|representative|lead|head|"
    r"colleague|contact|called|named|call|ask\s+for|speak\s+to|spoke\s+to|thanks\s+to)"
    r"\b[,:]?\s+(?:(?i:was|is)\s+)?"
)
NAME = re.compile(rf"(?:{_TITLE}|{_INTRODUCES}){_NAME}")
CHECKS = (
    ("personal data: name", NAME),
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


def _span(match: re.Match) -> tuple[str, int, int]:
    # A pattern with a "name" group marks only the name, not the word before it.
    group = "name" if "name" in match.re.groupindex else 0
    return match.group(group), match.start(group), match.end(group)


def findings(text: str) -> list[Finding]:
    found = [
        Finding(kind, *_span(match)) for kind, pattern in CHECKS for match in pattern.finditer(text)
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
