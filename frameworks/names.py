"""When two spellings name the same buying organisation.

Published data spells one organisation many ways: "Avon and Somerset Police",
"Avon and Somerset Police (SWOne)" and "Avon and Somerset Police Force (SWOne)"
are one police force. ``organisation_name_key`` reduces a name to a key that
such spellings share, and the database keeps keys unique.

It is deliberately cautious: a wrong merge files one organisation's strategies
under another, which is worse than a duplicate. The key:

- ignores case, accents written as compatibility characters, and spacing;
- reads "&" as "and";
- drops qualifiers in brackets at the end of the name: "(SWOne)", "(MPS)", "(ESPO)";
- treats punctuation (full stops, commas, hyphens, dashes, apostrophes) as spaces;
- drops the word "the" ("Office of the Police and Crime Commissioner for Surrey");
- reads a trailing "Police Force", "Police Service" or "Constabulary" as "Police":
  they are the names of one territorial force.

It does not expand abbreviations ("SW", "DECC", "MoJ"), correct spelling
("Penninsula"), drop words in the middle of a name or brackets before its end
("Ministry of Justice (MoJ) Procurement - ICT" stays itself), or match one name
that merely contains another ("NHS Supply Chain as an agent of ..." is not
"NHS Supply Chain"). Staff merge those by hand if they are the same.
"""

import re
import unicodedata

TRAILING_BRACKETS = re.compile(r"\s*\([^()]*\)\s*$")
NOT_A_WORD = re.compile(r"[^\w\s]|_")
POLICE_SUFFIXES = (("police", "force"), ("police", "service"))


def organisation_name_key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    while True:
        shorter = TRAILING_BRACKETS.sub("", text)
        if shorter == text or not shorter.strip():
            break
        text = shorter
    words = [word for word in NOT_A_WORD.sub(" ", text).split() if word != "the"]
    if tuple(words[-2:]) in POLICE_SUFFIXES:
        words = words[:-1]
    elif words[-1:] == ["constabulary"]:
        words[-1] = "police"
    return " ".join(words)
