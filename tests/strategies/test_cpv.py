"""CPV codes are shown with their CPV 2008 names."""

from strategies.cpv import cpv_divisions, cpv_label, cpv_name, cpv_names


def test_the_list_is_the_whole_cpv_2008_vocabulary():
    names = cpv_names()

    assert len(names) == 9454
    assert len(cpv_divisions()) == 45
    assert all(len(code) == 8 and code.isdigit() for code in names)


def test_a_code_is_shown_with_its_name():
    assert cpv_label("72000000") == (
        "72000000 IT services: consulting, software development, Internet and support"
    )
    assert cpv_label("03111100-3") == "03111100 Soya beans"  # the check digit is dropped
    assert cpv_name("33600000") == "Pharmaceutical products"


def test_an_unknown_code_says_so_rather_than_guessing():
    assert cpv_name("12345678") == ""
    assert cpv_label("12345678") == "12345678 (not a CPV 2008 code)"
