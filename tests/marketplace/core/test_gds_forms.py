"""The shared pagination tag every paged list uses."""

import re

from django.core.paginator import Paginator
from django.template import engines
from django.test import RequestFactory

TEMPLATE = engines["django"].from_string(
    "{% load gds_forms %}{% gds_pagination_keep_query page_obj %}"
)


def render_page(number: int, query: str = "") -> str:
    request = RequestFactory().get(f"/suppliers/?{query}")
    page_obj = Paginator(range(300), 20).get_page(number)
    return TEMPLATE.render({"page_obj": page_obj, "request": request})


def test_each_page_link_is_labelled_with_its_page_number():
    html = render_page(6)

    labels = re.findall(r'aria-label="([^"]*)"', html)

    # The landmark, then pages 1, 4 to 8 and 15 either side of the ellipses.
    assert labels == [
        "Pagination",
        "Page 1",
        "Page 4",
        "Page 5",
        "Page 6",
        "Page 7",
        "Page 8",
        "Page 15",
    ]
    assert html.count("govuk-pagination__item--ellipsis") == 2
    assert "None" not in html


def test_the_current_page_is_marked_and_links_keep_the_query():
    html = render_page(2, "q=cloud&region=TLI&page=2")

    assert (
        '<a class="govuk-link govuk-pagination__link" href="?q=cloud&amp;region=TLI&amp;page=2"'
        ' aria-label="Page 2" aria-current="page">'
    ) in html
    assert 'href="?q=cloud&amp;region=TLI&amp;page=3" rel="next"' in html
    assert 'href="?q=cloud&amp;region=TLI&amp;page=1" rel="prev"' in html
