"""CPV codes are shown with the names of their CPV 2008 divisions."""

from strategies.cpv import cpv_division_name, cpv_divisions, cpv_label


def test_the_list_holds_every_cpv_2008_division():
    divisions = cpv_divisions()

    assert len(divisions) == 45
    assert divisions[0] == ("03", "Agricultural, farming, fishing, forestry and related products")
    assert divisions[-1] == ("98", "Other community, social and personal services")


def test_a_division_is_shown_with_its_name():
    assert cpv_label("72000000") == (
        "72000000 IT services: consulting, software development, Internet and support"
    )
    assert cpv_label("48000000-8") == "48000000 Software package and information systems"


def test_a_deeper_code_is_named_by_its_division_and_says_so():
    assert cpv_label("33600000") == (
        "33600000, in Medical equipments, pharmaceuticals and personal care products"
    )
    assert cpv_division_name("72212000-4") == (
        "IT services: consulting, software development, Internet and support"
    )


def test_an_unknown_code_says_so_rather_than_guessing():
    assert cpv_division_name("12345678") == ""
    assert cpv_label("12345678") == "12345678 (not a CPV 2008 code)"
    assert cpv_label("7200") == "7200 (not a CPV 2008 code)"
