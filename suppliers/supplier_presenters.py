"""What a supplier's own pages show: the organisation profile as (key, value) rows
for a GOV.UK summary list, every value plain text; the team; and its supply-chain
partnerships seen from its side."""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils.html import format_html

from marketplace.core.money import money_text

from .models import PartnerRole, PartnershipStatus, SupplierOrganisation, SupplyChainPartnership
from .presenters import REVERSED_ROLE, date_text

NOT_GIVEN = "Not given"


def _pounds(value: Decimal | None) -> str:
    return money_text(value, pence="never", missing=NOT_GIVEN)


def _size(supplier: SupplierOrganisation) -> str:
    if not supplier.size_band:
        return NOT_GIVEN
    band = supplier.get_size_band_display()
    if supplier.size_is_illustrative:
        return f"{band} (illustrative demo data: edit your profile to give your real size)"
    return f"{band} ({'an SME' if supplier.is_sme else 'not an SME'})"


def _head_office(supplier: SupplierOrganisation) -> str:
    if not supplier.head_office_postcode:
        return NOT_GIVEN
    region = supplier.head_office_region
    return (
        f"{supplier.head_office_postcode}, {region.name}"
        if region
        else supplier.head_office_postcode
    )


def _regions(supplier: SupplierOrganisation) -> str:
    if supplier.serves_whole_uk:
        return "The whole UK"
    return ", ".join(region.name for region in supplier.regions_served.all()) or NOT_GIVEN


def _social_value(supplier: SupplierOrganisation) -> str:
    parts = []
    if supplier.real_living_wage_employer:
        parts.append("Accredited Real Living Wage employer")
    if supplier.offers_apprenticeships:
        parts.append("Offers apprenticeships")
    if supplier.carbon_reduction_plan_url:
        parts.append(f"Carbon reduction plan: {supplier.carbon_reduction_plan_url}")
    return ". ".join(parts) or NOT_GIVEN


def _code_of_conduct(supplier: SupplierOrganisation) -> str:
    parts = []
    if supplier.code_of_conduct_url:
        parts.append(supplier.code_of_conduct_url)
    if supplier.code_of_conduct_file:
        parts.append("PDF uploaded")
    return ". ".join(parts) or NOT_GIVEN


def _verified(supplier: SupplierOrganisation) -> str:
    if supplier.verified and supplier.verified_at:
        return f"Verified by CCS on {date_text(supplier.verified_at)}"
    if supplier.verified:
        return "Verified by CCS"
    return "Not verified yet. CCS checks new organisations before buyers see them as verified."


def profile_rows(supplier: SupplierOrganisation) -> list[tuple[str, str]]:
    return [
        ("Legal name", supplier.name),
        ("Trading name", supplier.trading_name or NOT_GIVEN),
        ("Organisation identifier", supplier.identifier or NOT_GIVEN),
        ("Companies House number", supplier.companies_house_number or NOT_GIVEN),
        ("Charity number", supplier.charity_number or NOT_GIVEN),
        ("Size", _size(supplier)),
        (
            "Staff headcount",
            NOT_GIVEN if supplier.staff_headcount is None else str(supplier.staff_headcount),
        ),
        ("Annual turnover", _pounds(supplier.turnover)),
        ("Balance sheet total", _pounds(supplier.balance_sheet_total)),
        ("VCSE", supplier.get_vcse_type_display() or "Not a VCSE"),
        ("Head office", _head_office(supplier)),
        ("Regions served", _regions(supplier)),
        (
            "Accreditations",
            ", ".join(a.name for a in supplier.accreditations.all()) or NOT_GIVEN,
        ),
        ("Social value", _social_value(supplier)),
        ("Code of conduct", _code_of_conduct(supplier)),
        ("About the organisation", supplier.description or NOT_GIVEN),
        ("Website", supplier.website or NOT_GIVEN),
        (
            "Contact",
            ", ".join(
                filter(
                    None, [supplier.contact_name, supplier.contact_email, supplier.contact_phone]
                )
            )
            or NOT_GIVEN,
        ),
        ("Status", _verified(supplier)),
    ]


TEAM_HEAD = ["Name", "E-mail address", "Status"]


def team_rows(members) -> list[list[str]]:
    return [
        [
            member.full_name or NOT_GIVEN,
            member.email,
            "Can sign in" if member.is_active else "Waiting for them to confirm their e-mail",
        ]
        for member in members
    ]


_YOUR = {
    PartnerRole.SUBCONTRACTOR: "Your subcontractor",
    PartnerRole.PRIME: "Your prime contractor",
}
_WHAT_HAPPENED = {
    PartnershipStatus.DECLINED: "Declined",
    PartnershipStatus.WITHDRAWN: "Request withdrawn",
    PartnershipStatus.ENDED: "Ended",
}


def other_side(*, partnership: SupplyChainPartnership, supplier: SupplierOrganisation):
    return partnership.partner if partnership.supplier_id == supplier.pk else partnership.supplier


def partner_role_words(
    *, partnership: SupplyChainPartnership, supplier: SupplierOrganisation
) -> str:
    """What the other organisation is to ``supplier``. The role is stated by the
    proposer about the partner, so read from the partner's side it is reversed."""
    role = PartnerRole(partnership.role)
    return _YOUR[role if partnership.supplier_id == supplier.pk else REVERSED_ROLE[role]]


def partners_banner(*, waiting: int) -> str:
    """The organisation page's prompt to answer partnership requests, if there are any."""
    if not waiting:
        return ""
    said = (
        "Another supplier has listed you as a supply-chain partner"
        if waiting == 1
        else f"{waiting} suppliers have listed you as a supply-chain partner"
    )
    return format_html(
        '<p class="govuk-notification-banner__heading">{}. '
        '<a class="govuk-notification-banner__link" href="{}">Confirm or decline</a>.</p>',
        said,
        reverse("supplier_account:partners"),
    )


@dataclass(frozen=True)
class PartnershipRow:
    partnership: SupplyChainPartnership
    other: SupplierOrganisation
    role: str


def partnership_rows(partnerships, supplier: SupplierOrganisation) -> list[PartnershipRow]:
    """Each partnership as the other organisation and what it is to ``supplier``."""
    return [
        PartnershipRow(
            partnership=p,
            other=other_side(partnership=p, supplier=supplier),
            role=partner_role_words(partnership=p, supplier=supplier),
        )
        for p in partnerships
    ]


PAST_HEAD = ["Organisation", "What they were to you", "What happened"]


def past_rows(partnerships, *, supplier: SupplierOrganisation) -> list[list[str]]:
    """The history table: who, what they were to us, what happened and when, by whom."""
    rows = []
    for partnership in partnerships:
        who = partnership.ended_by.supplier_organisation if partnership.ended_by else None
        happened = _WHAT_HAPPENED.get(partnership.status, "Ended")
        by = f" by {who.name}" if who is not None else ""
        rows.append(
            [
                other_side(partnership=partnership, supplier=supplier).name,
                partner_role_words(partnership=partnership, supplier=supplier),
                f"{happened}{by} on {date_text(partnership.ended_at)}",
            ]
        )
    return rows
