"""Template tags for what the results page says about the buyer's words."""

from django import template

from ..request import SearchRequest
from ..suggestions import CategorySuggestion, category_suggestions

register = template.Library()


@register.simple_tag
def search_category_suggestions(search: SearchRequest) -> list[CategorySuggestion]:
    return category_suggestions(search=search)


@register.filter
def quoted_words(words) -> str:
    """'cloud' and 'migration'; 'a', 'b' and 'c' (plain text; the template escapes it)."""
    quoted = [f"'{word}'" for word in words]
    if len(quoted) < 2:
        return "".join(quoted)
    return f"{', '.join(quoted[:-1])} and {quoted[-1]}"
