"""The public supplier pages: the A to Z list and each supplier's profile."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from suppliers.models import SizeBand
from tests.factories import SupplierOrganisationFactory, partnership_make, supplier_showcase_make
from tests.public_pages import HIDDEN_NAMES, hidden_listings_make, text, unapproved_edit_make

pytestmark = pytest.mark.django_db

SME = "Small and medium-sized enterprise (SME)"


@pytest.fixture
def showcase():
    return supplier_showcase_make()


@pytest.fixture
def hidden(showcase):
    return hidden_listings_make(supplier_user=showcase["supplier_user"], lot=showcase["lots"][0])


def test_the_a_to_z_lists_each_supplier_with_size_badges_and_live_services(client, showcase):
    response = client.get(reverse("suppliers:index"))

    page = text(response)
    assert response.status_code == 200
    assert "Acorn Digital" in page and "Legal name: Acorn Digital Co-operative Limited" in page
    assert f"Size: Small \N{EN DASH} {SME}" in page
    assert "Size: Large" in page  # Cedar Systems, with no SME wording
    assert "VCSE" in page and "govuk-tag" in response.content.decode()
    assert "2 published services" in page
    assert f'href="{reverse("suppliers:detail", args=[showcase["supplier"].slug])}"' in (
        response.content.decode()
    )


def test_only_published_listings_are_counted(client, showcase, hidden):
    unapproved_edit_make(
        supplier_user=showcase["supplier_user"],
        listing=showcase["listings"][0],
        name="Unapproved new name",
    )

    response = client.get(reverse("suppliers:index"), {"letter": "A"})

    assert "2 published services" in text(response)


def test_a_letter_narrows_the_list_and_empty_letters_are_not_links(client, showcase):
    SupplierOrganisationFactory(name="3 Sixty Digital Ltd")

    letter_a = client.get(reverse("suppliers:index"), {"letter": "A"})
    digits = client.get(reverse("suppliers:index"), {"letter": "0-9"})

    html = letter_a.content.decode()
    assert "1 supplier starting with A" in text(letter_a)
    assert "Acorn Digital" in text(letter_a) and "Birch Hosting" not in text(letter_a)
    assert '<strong aria-current="page">A</strong>' in html
    assert 'href="/suppliers/?letter=B"' in html  # Birch Hosting
    assert 'href="/suppliers/?letter=Z"' not in html and "Z<span class" in html
    assert "3 Sixty Digital" in text(digits) and "Acorn" not in text(digits)


def test_a_name_search_finds_legal_and_trading_names(client, showcase):
    by_trading_name = client.get(reverse("suppliers:index"), {"q": "acorn dig"})
    by_legal_name = client.get(reverse("suppliers:index"), {"q": "co-operative limited"})

    assert "1 supplier matching" in text(by_trading_name)
    assert "Acorn Digital" in text(by_legal_name) and "Cedar" not in text(by_legal_name)
    assert 'value="acorn dig"' in by_trading_name.content.decode()  # the answer is kept


def test_a_bad_letter_is_explained_with_a_400_not_a_500(client, showcase):
    response = client.get(reverse("suppliers:index"), {"letter": "zz"})

    assert response.status_code == 400
    assert "There is a problem" in text(response)
    assert "Choose a letter from A to Z, or 0-9" in text(response)
    assert 'href="#id_letter"' in response.content.decode()


def test_pages_of_suppliers_keep_the_letter(client):
    SupplierOrganisationFactory.create_batch(51)  # "Test Supplier N Ltd"

    first = client.get(reverse("suppliers:index"), {"letter": "T"})
    second = client.get(reverse("suppliers:index"), {"letter": "T", "page": 2})

    assert "51 suppliers starting with T" in text(first)
    assert "letter=T&amp;page=2" in first.content.decode()
    assert text(second).count("Size: Small") == 1


def test_the_service_navigation_offers_suppliers(client):
    response = client.get(reverse("suppliers:index"))

    nav = response.context["service_nav"]
    assert [item["text"] for item in nav][:3] == ["Find a service", "Frameworks", "Suppliers"]
    assert nav[2] == {"href": "/suppliers/", "text": "Suppliers", "active": True}


def test_a_profile_says_who_the_supplier_is_where_it_works_and_how_it_behaves(client, showcase):
    response = client.get(reverse("suppliers:detail", args=[showcase["supplier"].slug]))

    page = text(response)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Acorn Digital" in page and "Acorn Digital Co-operative Limited" in page
    assert "GB-COH-01234567" in page
    assert "Verified by CCS Yes" in page
    assert 'href="https://acorn.example.coop/"' in html
    assert f"Small \N{EN DASH} {SME}" in page
    assert "Yes \N{EN DASH} Co-operative" in page
    assert "Head office region Yorkshire and The Humber" in page
    assert "Regions served North East, Yorkshire and The Humber" in page
    assert "illustrative" not in page
    assert "Cyber Essentials" in page and "ISO 9001 (quality management)" in page
    assert "Accredited Real Living Wage employer Yes" in page
    assert "Offers apprenticeships Yes" in page
    assert 'href="https://acorn.example.coop/carbon"' in html
    assert 'href="https://acorn.example.coop/conduct"' in html
    assert "A worker co-operative building services for councils." in page


def test_a_profile_shows_confirmed_partners_both_ways_with_their_statements(client, showcase):
    response = client.get(reverse("suppliers:detail", args=[showcase["supplier"].slug]))

    page = text(response)
    html = response.content.decode()
    assert "Subcontractor to Acorn Digital. Listed by Acorn Digital, confirmed by Birch" in page
    assert "Birch Hosting runs the servers for our case management service." in page
    assert "Prime contractor to Acorn Digital. Listed by Cedar Systems plc, confirmed by" in page
    assert "Acorn Digital designs the citizen-facing forms" in page
    assert f'href="/suppliers/{showcase["subcontractor"].slug}/"' in html
    assert f'href="/suppliers/{showcase["prime"].slug}/"' in html
    # The partnership that ended is kept in the record but no longer published.
    assert "Damson" not in page


def test_a_partnership_waiting_for_confirmation_is_on_neither_profile(client, showcase):
    partner = SupplierOrganisationFactory(name="Rowan Research Ltd")
    partnership_make(
        supplier_user=showcase["supplier_user"],
        partner=partner,
        statement="Rowan Research recruits participants for our user research.",
        confirmed=False,
    )

    for organisation in (showcase["supplier"], partner):
        page = text(client.get(reverse("suppliers:detail", args=[organisation.slug])))

        assert "Rowan Research recruits participants" not in page, organisation
    assert "Rowan Research" not in text(
        client.get(reverse("suppliers:detail", args=[showcase["supplier"].slug]))
    )


def test_a_profile_lists_only_published_services_in_their_approved_words(client, showcase, hidden):
    case_management, user_research = showcase["listings"]
    unapproved_edit_make(
        supplier_user=showcase["supplier_user"],
        listing=case_management,
        name="Unapproved new name",
    )

    response = client.get(reverse("suppliers:detail", args=[showcase["supplier"].slug]))

    page = text(response)
    html = response.content.decode()
    assert "Services (2)" in page
    assert f'href="/services/{case_management.pk}/"' in html
    assert f'href="/services/{user_research.pk}/"' in html
    assert "Case management for housing teams" in page
    assert "Interviews and usability testing" in page  # the summary
    assert f"Digital Outcomes 7, Lot {showcase['lots'][1].number}" in page
    for hidden_text in [*HIDDEN_NAMES, "Unapproved new name"]:
        assert hidden_text not in page


def test_illustrative_demo_facts_are_marked_and_the_whole_uk_is_said_plainly(client):
    supplier = SupplierOrganisationFactory(
        size_band=SizeBand.MICRO,
        size_is_illustrative=True,
        vcse_type="cic",
        serves_whole_uk=True,
        profile_is_illustrative=True,
    )

    page = text(client.get(reverse("suppliers:detail", args=[supplier.slug])))

    assert f"Micro \N{EN DASH} {SME} (illustrative demo data)" in page
    assert "Community interest company (illustrative demo data)" in page
    assert "Regions served The whole UK (illustrative demo data)" in page
    assert "Organisation identifier Not given" in page
    assert "Verified by CCS Not yet" in page


def test_an_uploaded_code_of_conduct_is_linked(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    supplier = SupplierOrganisationFactory(
        code_of_conduct_file=SimpleUploadedFile("conduct.pdf", b"%PDF-1.4", "application/pdf")
    )

    html = client.get(reverse("suppliers:detail", args=[supplier.slug])).content.decode()

    assert f'href="{supplier.code_of_conduct_file.url}"' in html
    assert "/media/suppliers/code-of-conduct/conduct" in html


def test_an_unknown_supplier_is_a_404(client):
    assert client.get("/suppliers/no-such-supplier/").status_code == 404
