"""Tagged, accessible PDFs made from the same HTML as the web page."""

from weasyprint import HTML


def html_to_pdf(html: str, *, base_url: str) -> bytes:
    # PDF/UA-1 with a tagged structure tree, so screen readers can read the tables.
    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
