"""The spend page and files: figures per year, the SME target, feedback beside
spend, an empty year, bad input, and the files behind every figure."""

import csv
import html
import io

import pytest

from tests.ocds.data import SECRETS
from tests.public_pages import text

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_years_spend_against_the_target(client, marketplace):
    response = client.get("/spend/?year=2026-27")

    page = html.unescape(text(response))
    assert response.status_code == 200
    # 30,000 (small) + 10,000 (micro charity) of 100,000 went to SMEs.
    assert (
        "The target of 25% of spend with small and medium-sized enterprises (SMEs) is met "
        "in 2026 to 2027: 40.0% (£40,000 of £100,000) went to SMEs."
    ) in page
    assert "buyers recorded 3 contracts worth £100,000 in total" in page
    for heading in [
        "By supplier size",
        "By VCSE status",
        "By buyer sector",
        "By supplier's head office region",
        "By framework",
    ]:
        assert f"{heading}, 2026 to 2027" in page
    assert "Large £60,000 1 60%" in page
    assert "VCSE £10,000 1 10%" in page
    assert "Education £30,000 1 30%" in page
    assert "North East £30,000 1 30%" in page
    assert 'href="/spend/2026-27.csv"' in response.content.decode()
    assert 'href="/api/v1/ocds/releases/2026-27.json"' in response.content.decode()
    assert "Open Government Licence v3.0" in page
    for secret in SECRETS:
        assert secret not in page


def test_an_unmet_target_is_said_plainly(client, marketplace):
    page = text(client.get("/spend/?year=2025-26"))

    assert "is not met in 2025 to 2026: 0.0% (£0 of £5,000) went to SMEs." in page


def test_without_a_year_the_newest_year_with_spend_is_shown(client, marketplace):
    page = text(client.get("/spend/"))

    assert "Spend and performance" in page
    assert "40.0% (£40,000 of £100,000)" in page


def test_feedback_sits_beside_each_suppliers_spend(client, marketplace):
    page = text(client.get("/spend/?year=2026-27"))

    assert "Spend and feedback by supplier, 2026 to 2027" in page
    assert "Big Systems plc £60,000 1 0 No ratings yet Not asked" in page


def test_an_empty_year_says_so_instead_of_empty_tables(client, db):
    response = client.get("/spend/")

    page = text(response)
    assert response.status_code == 200
    assert "No buyer recorded a contract awarded through this service in" in page
    assert "<table" not in response.content.decode()


@pytest.mark.parametrize("year", ["1999-00", "abc", "2026-28"])
def test_an_unknown_year_is_a_400_with_a_message(client, marketplace, year):
    response = client.get(f"/spend/?year={year}")

    assert response.status_code == 400
    assert "Choose a financial year from the list" in text(response)
    assert "<table" not in response.content.decode()


def test_the_csv_has_every_figure_and_the_licence(client, marketplace):
    response = client.get("/spend/2026-27.csv")

    body = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert body.startswith("# Open Government Licence v3.0")
    rows = list(csv.DictReader(io.StringIO(body.split("\r\n", 1)[1])))
    assert rows[0] == {
        "financial_year": "2026 to 2027",
        "dimension": "all",
        "group": "All spend",
        "amount": "100000.00",
        "contracts": "3",
        "share_percent": "100",
    }
    assert rows[1]["group"] == "SMEs, against the 25% target (met)"
    assert rows[1]["share_percent"] == "40.0"
    assert {row["dimension"] for row in rows[2:]} == {
        "size",
        "vcse",
        "sector",
        "region",
        "framework",
    }


def test_the_json_carries_the_same_figures(client, marketplace):
    data = client.get("/spend/2025-26.json").json()

    assert data["licence"].startswith("Open Government Licence v3.0")
    assert data["records"][0]["amount"] == "5000.00"
    assert data["records"][1]["group"] == "SMEs, against the 25% target (not met)"


def test_a_file_for_an_unknown_year_is_a_404(client, marketplace):
    assert client.get("/spend/1999-00.csv").status_code == 404
