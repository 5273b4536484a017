"""Word counting and stemming for the listing rules. The words themselves and the
stop words come from ``marketplace.core.text``, the splitter search uses too."""


def word_count(text: str) -> int:
    return len(text.split())


def stem(word: str) -> str:
    """A deliberately light stem, so 'cloud' and 'clouds' count as one word when padding."""
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word
