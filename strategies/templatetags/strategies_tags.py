"""Links to the strategy pages' sub-pages (RoutablePageMixin routes), which
Django's {% url %} cannot reverse: they are not in the URLconf."""

from django import template

from ..selectors import strategy_route_url

register = template.Library()


@register.simple_tag
def strategies_url(name: str) -> str:
    """A sub-page of the strategies index, such as "pipeline" or "alerts"."""
    return strategy_route_url(name=name)


@register.simple_tag
def sub_page_url(page, name: str) -> str:
    """A sub-page of this page, such as an organisation's "compare"."""
    return page.specific.route_url(name)
