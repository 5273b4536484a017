"""Pounds as people type them and as pages show them: the one reading rule
(``PoundsField``) and the one way of writing an amount (``money_text``).

People type money as they see it written: "£1,200", " 1200.50 ", "1 200 000".
The pound sign, thousands commas and spaces carry no value, so they are dropped
wherever they stand before Django's ``DecimalField`` reads the number; anything
else left over (letters, a second point) is still refused with the field's
message.
"""

from decimal import Decimal
from typing import Literal

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# "when any" is GOV.UK style (£75, £75.50); "always" suits prices and columns of
# figures (£75.00); "never" suits amounts kept in whole pounds (turnover, spend).
Pence = Literal["when any", "always", "never"]


def money_text(
    amount: Decimal | int | float | None, *, pence: Pence = "when any", missing: str = ""
) -> str:
    """``amount`` as pages write money: "£1,250", "£1,250.50", "£1,250.00"; ``missing``
    when there is no amount."""
    if amount is None:
        return missing
    if pence == "never":
        return f"£{amount:,.0f}"
    text = f"£{amount:,.2f}"
    return text.removesuffix(".00") if pence == "when any" else text


def pounds_clean(text: str) -> str:
    """The number in what someone typed: "£1,200.50 " -> "1200.50"."""
    return "".join(text.split()).replace("£", "").replace(",", "")


class PoundsField(forms.DecimalField):
    """An amount of money in a text box, never below £0.

    ``what`` names the amount in the messages ("The price must be £0 or more");
    a form may replace any message through ``error_messages``. With
    ``max_digits``, too large an amount is told the largest it may be.
    """

    def __init__(
        self,
        *,
        what: str,
        max_digits: int | None = None,
        decimal_places: int | None = 2,
        **kwargs,
    ):
        messages = {
            "required": format_lazy(_("Enter the {} in pounds"), what),
            "invalid": format_lazy(_("The {} must be a number of pounds, like 1.50"), what),
            "min_value": format_lazy(_("The {} must be £0 or more"), what),
            "max_decimal_places": format_lazy(
                _("Enter the {} in whole pounds, like 250")
                if decimal_places == 0
                else _("Enter the {} in pounds and pence, like 1.50"),
                what,
            ),
        }
        if max_digits is not None:
            places = decimal_places or 0
            largest = Decimal(10) ** (max_digits - places) - Decimal(10) ** -places
            too_large = format_lazy(
                _("The {} must be {} or less"), what, money_text(largest, pence="always")
            )
            messages["max_digits"] = messages["max_whole_digits"] = too_large
        messages.update(kwargs.pop("error_messages", None) or {})
        kwargs.setdefault("min_value", 0)
        # GOV.UK asks for text inputs, not number spinners, so "£1,200" can be typed.
        inputmode = "numeric" if decimal_places == 0 else "decimal"
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": inputmode, "spellcheck": "false"})
        )
        super().__init__(
            max_digits=max_digits,
            decimal_places=decimal_places,
            error_messages=messages,
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = pounds_clean(value)
        return super().to_python(value)
