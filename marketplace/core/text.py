"""Words, as every part of the service splits them: the listing rules against
padding, near-duplicate detection, the search table and its highlights.

One splitter and one list of stop words, so a word the listing rules ignore is a
word search ignores too. Callers add their own rules on top (the listing rules
stem lightly; search caps repeats), never their own copy of these.
"""

import re

# Unicode letters and digits, split as SQLite FTS5's unicode61 tokenizer splits
# them: "don't" is "don" and "t", "café" stays whole.
WORD = re.compile(r"[^\W_]+")

# PostgreSQL's English stop words (tsearch_data/english.stop), so that the
# database search ignores the words PostgreSQL's own dictionary ignores. It
# holds "s", "t" and "don" because the splitter cuts "it's" and "don't" there.
STOPWORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which
    who whom this that these those am is are was were be been being have has had having do
    does did doing a an the and but if or because as until while of at by for with about
    against between into through during before after above below to from up down in out on
    off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t can will
    just don should now""".split()  # noqa: SIM905 - kept as PostgreSQL lists them
)


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, in order, repeats kept."""
    return WORD.findall(text.lower())
