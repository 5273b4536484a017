import csv
import io
import json
import re
import subprocess

import pytest
from django.urls import reverse

from frameworks.models import Framework
from frameworks.selectors import framework_map

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_index_lists_frameworks_and_filters_by_status_and_sector(client, demo_map):
    everything = client.get(reverse("frameworks:index"))
    expired = client.get(reverse("frameworks:index"), {"status": "expired"})
    health = client.get(reverse("frameworks:index"), {"sector": "health"})

    assert everything.status_code == 200
    assert "16 frameworks" in text(everything)  # the planned ones live only on the map
    assert "2 frameworks" in text(expired)
    assert "G-Cloud III" in text(expired) and "PSN Services" not in text(expired)
    assert "Technical Smartcard Consultancy" in text(health)
    assert "IT Consumables" not in text(health)
    assert 'value="health" checked' in health.content.decode()


def test_filtering_by_a_parent_category_finds_frameworks_on_its_children(client, demo_map):
    from frameworks.models import Category

    telecoms = Category.objects.get(slug="telecoms-and-networks")

    response = client.get(reverse("frameworks:index"), {"category": telecoms.pk})

    page = text(response)
    assert "PSN Connectivity" in page and "PSN Services" in page
    assert "Telecom Network Goods and Services" in page
    assert "G-Cloud 13" not in page


def test_a_bad_filter_value_is_explained_not_a_500(client, demo_map):
    response = client.get(reverse("frameworks:index"), {"status": "bogus", "category": "999999"})

    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_a_framework_page_says_what_who_how_and_when(client, demo_map):
    response = client.get(reverse("frameworks:detail", kwargs={"slug": "psn-connectivity"}))

    page = text(response)
    assert response.status_code == 200
    assert "Network connectivity on the Public Services Network" in page
    assert "Further competition" in page
    assert "31 August 2026" in page  # expires
    assert "Merge into another framework" in page
    assert "0 live service listings" in page  # the demo map has no listings
    # The other live frameworks on the same categories, both ways up the tree.
    assert "PSN Services" in page and "Telecom Network Goods and Services" in page


def test_g_cloud_shows_real_usage_by_buyer_sector_as_a_chart_and_a_table(client, demo_map):
    response = client.get(reverse("frameworks:detail", kwargs={"slug": "g-cloud-iii"}))

    html = response.content.decode()
    assert '<svg role="img" aria-labelledby="usage-title usage-desc"' in html
    assert "Central government" in text(response)
    assert "Spend by buyer sector" in html
    assert "Cabinet Office G-Cloud spend data" in html


def test_an_unknown_framework_is_a_404(client, demo_map):
    assert client.get("/frameworks/no-such-framework/").status_code == 404


def test_the_map_shows_overlaps_gaps_and_the_desired_map(client, demo_map):
    response = client.get(reverse("frameworks:map"))

    page = text(response)
    current, desired, _ = framework_map()
    assert f"Frameworks {len(current.frameworks)} {len(desired.frameworks)}" in page
    assert "Network connectivity" in page
    assert "PSN Connectivity, PSN Services, Telecom Network Goods and Services" in page
    # The review's software overlap: G-Cloud, ESPO Computer Software and CCS's own.
    assert (
        "Off-the-shelf software Software licences 3 Commoditised IT Hardware and Software, "
        "Computer Software, Local Authority Software Applications Framework"
    ) in page
    assert "Cyber security services" in page  # a gap: its only framework expired
    assert len(desired.overlaps) < len(current.overlaps)
    assert (
        '<svg role="img" aria-labelledby="timeline-title timeline-desc"'
        in response.content.decode()
    )


def parse_csv(response) -> list[dict]:
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("# Open Government Licence v3.0")
    return list(csv.DictReader(io.StringIO("\n".join(lines[1:]))))


def test_coverage_downloads_parse_back_and_match_the_page(client, demo_map):
    page = text(client.get(reverse("frameworks:map")))
    as_csv = parse_csv(client.get("/frameworks/data/coverage.csv"))
    as_json = json.loads(client.get("/frameworks/data/coverage.json").content)

    assert as_json["licence"].startswith("Open Government Licence v3.0")
    assert "overlap" in as_json["fields"]
    assert [
        dict(
            row,
            framework_count=str(row["framework_count"]),
            overlap=str(row["overlap"]),
            gap=str(row["gap"]),
        )
        for row in as_json["records"]
    ] == as_csv
    current_overlaps = [r for r in as_csv if r["map"] == "current" and r["overlap"] == "True"]
    current, _, _ = framework_map()
    assert len(current_overlaps) == len(current.overlaps)
    for row in current_overlaps:
        assert row["category_name"] in page


def test_framework_downloads_carry_every_framework_including_planned(client, demo_map):
    rows = parse_csv(client.get("/frameworks/data/frameworks.csv"))
    records = json.loads(client.get("/frameworks/data/frameworks.json").content)["records"]

    assert len(rows) == len(records) == Framework.objects.count()
    psn = next(r for r in rows if r["slug"] == "psn-connectivity")
    assert psn["disposition"] == "merge" and psn["disposition_target"] == "psn-services"
    assert any(r["planned"] == "True" for r in rows)


def test_lot_and_category_downloads_parse_back(client, demo_map):
    lots = parse_csv(client.get("/frameworks/data/lots.csv"))
    categories = json.loads(client.get("/frameworks/data/categories.json").content)["records"]

    hosting = next(
        r for r in lots if r["framework"] == "g-cloud-13" and r["name"] == "Cloud hosting"
    )
    assert len(hosting["categories"].split("|")) == 22
    payroll = [c for c in categories if c["name"] == "Payroll"]
    assert payroll and all(c["parent"] for c in payroll)


def test_an_unknown_dataset_is_a_404(client, demo_map):
    assert client.get("/frameworks/data/secrets.csv").status_code == 404
    assert client.get("/frameworks/data/coverage.xml").status_code == 404


def test_the_map_pdf_is_tagged_and_shows_the_overlap_table(client, demo_map, tmp_path):
    response = client.get(reverse("frameworks:map-pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "map.pdf"
    pdf.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    content = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Categories covered by more than one live framework" in content
    assert "Network connectivity" in content
    assert re.search(r"Page 1 of \d+", content)
    assert "Generated" in content


def test_a_framework_page_counts_its_live_service_listings(client):
    from listings import services
    from tests.factories import supplier_showcase_make
    from tests.public_pages import hidden_listings_make

    showcase = supplier_showcase_make()
    hidden_listings_make(supplier_user=showcase["supplier_user"], lot=showcase["lots"][0])
    services.listing_draft_save(  # a newer version waiting for review is not another listing
        actor=showcase["supplier_user"], listing=showcase["listings"][0], content={"name": "New"}
    )

    response = client.get(reverse("frameworks:detail", kwargs={"slug": "digital-outcomes-7"}))

    page = text(response)
    assert "2 live service listings" in page
    assert page.count("1 live service listing ") == 2  # one on each lot
