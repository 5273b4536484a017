"""Money read as people type it and written as pages show it, in one place."""

from decimal import Decimal

import pytest
from django import forms

from marketplace.core.money import PoundsField, money_text, pounds_clean


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("£1,200", "1200"),
        (" 1200.50 ", "1200.50"),
        ("£ 1,250.50", "1250.50"),
        ("1 200 000", "1200000"),
        ("\u00a3\u00a01,000\t", "1000"),  # a no-break space after the sign
        ("twelve", "twelve"),  # left for the field to refuse
    ],
)
def test_pounds_clean_drops_the_sign_commas_and_spaces(typed, number):
    assert pounds_clean(typed) == number


class PriceForm(forms.Form):
    price = PoundsField(what="price", max_digits=12)
    turnover = PoundsField(what="turnover", decimal_places=0, required=False)


def errors(**data) -> dict:
    form = PriceForm(data={"price": "1", **data})
    form.is_valid()
    return form.errors


@pytest.mark.parametrize("typed", ["£1,200", " 1200 ", "1,200.00", "£1 200"])
def test_the_field_reads_pounds_as_people_type_them(typed):
    form = PriceForm(data={"price": typed})

    assert form.is_valid()
    assert form.cleaned_data["price"] == Decimal("1200")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the price in pounds"),
        ("about ten", "The price must be a number of pounds, like 1.50"),
        ("£1.2.3", "The price must be a number of pounds, like 1.50"),
        ("-£1", "The price must be £0 or more"),
        ("1.505", "Enter the price in pounds and pence, like 1.50"),
        ("£12,345,678,901", "The price must be £9,999,999,999.99 or less"),
    ],
)
def test_the_field_says_what_is_wrong(typed, message):
    assert errors(price=typed)["price"] == [message]


def test_the_largest_amount_allowed_is_accepted():
    assert errors(price="£9,999,999,999.99") == {}


def test_whole_pounds_refuse_pence():
    assert errors(turnover="1.50")["turnover"] == ["Enter the turnover in whole pounds, like 250"]
    assert errors(turnover="£250,000") == {}


def test_a_form_may_word_a_message_itself():
    field = PoundsField(what="price", error_messages={"invalid": "Price must be a number"})

    with pytest.raises(forms.ValidationError) as raised:
        field.clean("cheap")

    assert raised.value.messages == ["Price must be a number"]
    with pytest.raises(forms.ValidationError) as raised:
        field.clean("-2")
    assert raised.value.messages == ["The price must be £0 or more"]


def test_the_box_is_text_with_a_number_keyboard():
    html = str(PriceForm()["price"]) + str(PriceForm()["turnover"])

    assert 'type="text"' in html and 'type="number"' not in html
    assert 'inputmode="decimal"' in html
    assert 'inputmode="numeric"' in html


@pytest.mark.parametrize(
    ("amount", "pence", "text"),
    [
        (Decimal("1250"), "when any", "£1,250"),
        (Decimal("1250.00"), "when any", "£1,250"),
        (Decimal("1250.5"), "when any", "£1,250.50"),
        (12.5, "when any", "£12.50"),
        (Decimal("1.5"), "always", "£1.50"),
        (Decimal("1200"), "always", "£1,200.00"),
        (Decimal("172007797.58"), "always", "£172,007,797.58"),
        (Decimal("24000.00"), "never", "£24,000"),
        (1720077.9758, "never", "£1,720,078"),
        (0, "when any", "£0"),
    ],
)
def test_money_text_writes_pounds_as_pages_show_them(amount, pence, text):
    assert money_text(amount, pence=pence) == text


def test_money_text_says_what_the_page_says_for_no_amount():
    assert money_text(None) == ""
    assert money_text(None, missing="Not given") == "Not given"
