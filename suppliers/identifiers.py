"""Organisation numbers and the stable identifiers built from them.

Identifiers follow org-id.guide, which the Open Contracting Data Standard uses:
GB-COH for Companies House, GB-CHC for the Charity Commission for England and
Wales, GB-SC for the Scottish regulator and GB-NIC for Northern Ireland's.
"""

import re

# Eight characters: eight digits, or a two-letter prefix (SC, NI, OC, SO, NC, R0…)
# and six digits. People often drop leading zeros, so short numbers are padded.
COMPANY_NUMBER = re.compile(r"^(?:\d{8}|[A-Z]{2}\d{6}|R0\d{6})$")
ENGLAND_WALES_CHARITY = re.compile(r"^\d{6,7}$")
SCOTTISH_CHARITY = re.compile(r"^SC0\d{5}$")
# Northern Ireland numbers are six digits too, so they need their NIC prefix here.
NI_CHARITY = re.compile(r"^NIC1\d{5}$")


def company_number_normalise(value: str) -> str:
    """Upper-case, strip spaces, and pad an all-digit number to eight digits.

    Raises ValueError with a message for the person who typed it.
    """
    number = re.sub(r"\s+", "", value).upper()
    if number.isdigit() and len(number) < 8:
        number = number.zfill(8)
    if not COMPANY_NUMBER.match(number):
        raise ValueError(
            "Enter a Companies House number in the correct format, like 01234567 or SC123456"
        )
    return number


def charity_number_normalise(value: str) -> str:
    number = re.sub(r"\s+", "", value).upper()
    if not (
        ENGLAND_WALES_CHARITY.match(number)
        or SCOTTISH_CHARITY.match(number)
        or NI_CHARITY.match(number)
    ):
        raise ValueError(
            "Enter a charity number in the correct format, like 1234567, SC012345 or NIC100001"
        )
    return number


def organisation_identifier(*, company_number: str, charity_number: str) -> str:
    if company_number:
        return f"GB-COH-{company_number}"
    if charity_number.startswith("SC"):
        return f"GB-SC-{charity_number}"
    if charity_number.startswith("NIC"):
        return f"GB-NIC-{charity_number.removeprefix('NIC')}"
    if charity_number:
        return f"GB-CHC-{charity_number}"
    return ""
