"""The public strategy pages, the pipeline search and its filters, the
comparison, and the downloads."""

import csv
import io
import json
import re
import subprocess

import pytest
from django.urls import reverse

from strategies.models import PipelineEntry, ProcurementStrategyPage

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def titles(response) -> set[str]:
    page = text(response)
    known = {"Hosting move", "Data platform", "Helpdesk", "Community transport booking"}
    return {title for title in known if title in page}


def test_the_index_lists_organisations_and_an_archive_by_year(client, strategies):
    response = client.get("/strategies/")

    page = text(response)
    assert response.status_code == 200
    assert "2026 to 2027" in page and "2025 to 2026" in page
    assert page.index("2026 to 2027") < page.index("2025 to 2026")  # newest first
    assert "Alpha Purchasing" in page and "Beta Purchasing" in page


def test_an_organisations_page_lists_its_years_and_offers_the_comparison(client, strategies):
    response = client.get("/strategies/alpha/")

    page = text(response)
    assert re.search(r"2026 to 2027 ?: 2 planned procurements", page)
    assert re.search(r"2025 to 2026 ?: 2 planned procurements", page)
    assert "/strategies/alpha/compare/" in response.content.decode()


def test_a_strategy_page_shows_its_sections_pipeline_and_downloads(client, strategies):
    response = client.get("/strategies/alpha/2026-27/")

    page = text(response)
    html = response.content.decode()
    assert response.status_code == 200
    assert "We will buy as a commodity" in page and "We will build" in page
    assert "Cloud hosting, Cloud software" in page
    assert "Hosting move" in page and "£2,500,000" in page
    assert "London, South East" in page and "June 2026" in page
    assert "SMEs and VCSEs" in page
    assert "Last updated" in page
    assert "/strategies/alpha/2026-27/strategy.pdf" in html
    assert "/strategies/alpha/2026-27/pipeline.csv" in html
    assert "What changed since 2025 to 2026" in page


def test_an_illustrative_strategy_says_so(client, strategies):
    page = strategies["other"]
    page.illustrative = True
    page.save_revision().publish()

    assert "This strategy is illustrative" in text(client.get(page.url))


def test_drafts_are_not_public(client, strategies):
    page = strategies["other"]
    page.unpublish()

    assert client.get("/strategies/beta/2026-27/").status_code == 404
    assert client.get("/strategies/beta/2026-27/strategy.pdf").status_code == 404
    assert "Community transport booking" not in text(client.get("/strategies/pipeline/"))


def test_the_pipeline_search_covers_every_organisation(client, strategies):
    response = client.get("/strategies/pipeline/")

    assert response.status_code == 200
    assert "5 planned procurements" in text(response)  # Hosting move is in both years
    assert titles(response) == {
        "Hosting move",
        "Data platform",
        "Helpdesk",
        "Community transport booking",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"region": "TLM"}, {"Data platform"}),
        ({"region": ["TLD", "TLJ"]}, {"Community transport booking", "Hosting move"}),
        ({"value": "100k-500k"}, {"Data platform"}),
        (
            {"value": ["under-100k", "2m-10m"]},
            {"Helpdesk", "Community transport booking", "Hosting move"},
        ),
        ({"suitable": "sme"}, {"Data platform", "Helpdesk"}),
        ({"suitable": "vcse"}, {"Data platform", "Community transport booking"}),
        ({"starts_after": "1/6/2026"}, {"Hosting move", "Data platform"}),
        (
            {"starts_after": "1/5/2026", "starts_before": "31/7/2026"},
            {"Community transport booking", "Hosting move"},
        ),
        ({"year": "2025"}, {"Hosting move", "Helpdesk"}),
        ({"keywords": "transport"}, {"Community transport booking"}),
    ],
)
def test_the_pipeline_filters(client, strategies, query, expected):
    assert titles(client.get("/strategies/pipeline/", query)) == expected


def test_filtering_by_category_includes_its_children(client, strategies, categories):
    child = categories["software"].add_child(name="Office software", slug="office-software")
    later = strategies["later"].get_latest_revision_as_object()
    entries = list(later.pipeline_entries.all())
    next(e for e in entries if e.title == "Data platform").categories = [child]
    later.pipeline_entries = entries
    later.save_revision().publish()
    published = PipelineEntry.objects.get(page=strategies["later"], title="Data platform")
    assert list(published.categories.all()) == [child]  # only the child now

    response = client.get("/strategies/pipeline/", {"category": categories["software"].pk})

    assert titles(response) == {"Data platform"}


def test_a_bad_filter_is_explained_with_a_400(client, strategies):
    response = client.get(
        "/strategies/pipeline/",
        {"starts_after": "1/9/2026", "starts_before": "1/1/2026", "region": "XX"},
    )

    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page
    # The unknown region is refused in plain words, and the rest of the form is kept.
    assert "Select delivery regions from the list" in page
    assert 'value="1/9/2026"' in response.content.decode()  # the answer is kept


def test_a_window_that_ends_before_it_starts_is_an_error(client, strategies):
    response = client.get(
        "/strategies/pipeline/", {"starts_after": "1/9/2026", "starts_before": "1/1/2026"}
    )

    assert response.status_code == 400
    assert "The end of the date window must be after its start" in text(response)


def test_opportunities_for_small_suppliers_show_sme_or_vcse_work(client, strategies):
    response = client.get("/strategies/opportunities/")

    assert response.status_code == 200
    assert titles(response) == {"Data platform", "Helpdesk", "Community transport booking"}
    assert titles(client.get("/strategies/opportunities/", {"region": "TLD"})) == {
        "Community transport booking"
    }


def test_the_comparison_defaults_to_the_latest_two_years(client, strategies):
    response = client.get("/strategies/alpha/compare/")

    page = text(response)
    assert response.status_code == 200
    assert "From 2025 to 2026 to 2026 to 2027" in page
    assert "Moved from build to buy Cloud hosting" in page
    assert "New things to build Cloud support" in page
    assert "1 added, 1 removed, 1 changed in value, 0 unchanged" in page
    assert "Data platform" in page and "Helpdesk" in page
    assert "£1,500,000 £2,500,000 +£1,000,000" in page


def test_the_comparison_refuses_the_same_year_twice(client, strategies):
    response = client.get("/strategies/alpha/compare/", {"earlier": 2026, "later": 2026})

    assert response.status_code == 400
    assert "Choose two different years" in text(response)


def test_one_year_has_nothing_to_compare(client, strategies):
    response = client.get("/strategies/beta/compare/")

    assert response.status_code == 200
    assert "nothing to compare yet" in text(response)
    assert client.get("/strategies/nobody/compare/").status_code == 404


def read_csv(response) -> tuple[str, list[dict]]:
    body = response.content.decode("utf-8-sig")
    licence, rest = body.split("\n", 1)
    return licence, list(csv.DictReader(io.StringIO(rest)))


def test_pipeline_csv_carries_the_licence_and_honours_the_filters(client, strategies):
    response = client.get(
        reverse("strategies:pipeline-download", args=["csv"]), {"suitable": "sme"}
    )

    licence, rows = read_csv(response)
    assert response["Content-Type"].startswith("text/csv")
    assert licence.startswith("# Open Government Licence v3.0")
    assert {row["title"] for row in rows} == {"Data platform", "Helpdesk"}
    data = next(row for row in rows if row["title"] == "Data platform")
    assert data["value_amount"] == "400000.00" and data["value_band"] == "100k-500k"
    assert data["regions"] == "TLM" and data["categories"] == "Cloud software"
    assert data["buying_organisation"] == "Alpha Purchasing" and data["financial_year"] == "2026"


def test_pipeline_json_has_licence_fields_and_records(client, strategies):
    response = client.get(
        reverse("strategies:strategy-pipeline-download", args=["alpha", "2026-27", "json"])
    )

    data = json.loads(response.content)
    assert data["licence"].startswith("Open Government Licence v3.0")
    assert data["dataset"] == "pipeline-alpha-2026-27"
    assert set(data["fields"]) == set(data["records"][0])
    assert [r["title"] for r in data["records"]] == ["Hosting move", "Data platform"]


def test_the_open_data_page_explains_each_column(client, strategies):
    response = client.get("/strategies/data/")

    assert response.status_code == 200
    assert "Estimated value band" in text(response)


def test_the_strategy_pdf_is_tagged_and_shows_the_pipeline_table(client, strategies, tmp_path):
    response = client.get(reverse("strategies:pdf", args=["alpha", "2026-27"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "strategy.pdf"
    pdf.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    content = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Planned procurements" in content
    assert re.search(r"Hosting move\s+Cloud hosting\s+£2,500,000\s+June 2026", content)
    assert "Data platform" in content and "£400,000" in content
    assert "We will buy as a commodity" in content
    assert re.search(r"Page 1 of \d+", content)


def test_an_unknown_strategy_is_a_404(client, strategies):
    assert client.get("/strategies/alpha/1999-00/strategy.pdf").status_code == 404
    assert client.get("/strategies/nobody/2026-27/pipeline.csv").status_code == 404
    assert ProcurementStrategyPage.objects.count() == 3


@pytest.fixture
def with_contact_and_cpv(strategies):
    """Alpha's 2026 strategy names a contact, and its data platform two CPV codes."""
    page = strategies["later"].get_latest_revision_as_object()
    page.sections = [
        *[(block.block_type, block.value) for block in page.sections],
        (
            "contacts",
            [
                {
                    "name": "Commercial team",
                    "role": "Pipeline enquiries",
                    "email": "buy@alpha.example.gov.uk",
                    "phone": "020 7946 0123",
                }
            ],
        ),
    ]
    entries = list(page.pipeline_entries.all())
    next(e for e in entries if e.title == "Data platform").cpv_codes = ["72000000", "48000000"]
    page.pipeline_entries = entries
    page.save_revision().publish()
    return page


def test_each_pipeline_entry_says_how_to_contact_the_buyer(client, with_contact_and_cpv):
    query = {"organisation": with_contact_and_cpv.organisation.pk, "year": "2026"}
    # Two 2026 entries in the search; one of them (Data platform) suits small suppliers.
    for name, entries in (("/strategies/pipeline/", 2), ("/strategies/opportunities/", 1)):
        response = client.get(name, query)

        page = text(response)
        html = response.content.decode()
        assert f"{entries} planned procurement" in page, name
        assert page.count("Contact: Commercial team, Pipeline enquiries") == entries, name
        assert page.count("Telephone: 020 7946 0123") == entries, name
        assert html.count('href="mailto:buy@alpha.example.gov.uk"') == entries, name


def test_an_entry_without_a_published_contact_says_where_to_look(client, strategies):
    page = text(client.get("/strategies/pipeline/", {"keywords": "transport"}))

    assert "The buyer has not published a contact: use their strategy page." in page


def test_cpv_codes_are_shown_with_their_names(client, with_contact_and_cpv):
    page = text(client.get("/strategies/pipeline/", {"keywords": "platform"}))

    assert "72000000 IT services: consulting, software development, Internet and support" in page
    assert "48000000 Software package and information systems" in page


def test_pipeline_files_carry_cpv_names_and_the_contact(client, with_contact_and_cpv):
    response = client.get(reverse("strategies:pipeline-download", args=["csv"]))

    _licence, rows = read_csv(response)
    data = next(row for row in rows if row["title"] == "Data platform")
    assert data["cpv_codes"] == "72000000|48000000"
    assert data["cpv_divisions"] == (
        "IT services: consulting, software development, Internet and support|"
        "Software package and information systems"
    )
    assert (data["contact_name"], data["contact_email"], data["contact_phone"]) == (
        "Commercial team",
        "buy@alpha.example.gov.uk",
        "020 7946 0123",
    )
    beta = next(row for row in rows if row["title"] == "Community transport booking")
    assert beta["contact_email"] == ""


def test_an_illustrative_comparison_says_so(client, strategies):
    page = strategies["earlier"].get_latest_revision_as_object()
    page.illustrative = True
    page.save_revision().publish()

    response = client.get("/strategies/alpha/compare/")

    assert "This comparison is illustrative" in text(response)


def test_the_search_and_the_opportunities_list_the_newest_year_first(client, strategies):
    for name in ("/strategies/pipeline/", "/strategies/opportunities/"):
        page = text(client.get(name))

        # Helpdesk is only in Alpha's 2025 strategy; Data platform in its 2026 one.
        assert page.index("Data platform") < page.index("Helpdesk"), name
