"""Plain-English wording for the public supplier pages, kept out of the templates
so the A to Z list, the profile and the listing page say things the same way; and
where a supplier stands with the supply-chain guidelines, which its own pages
show too."""

import string
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.html import format_html

from .models import (
    PartnerRole,
    SupplierOrganisation,
    SupplyChainGuidelinesDeclaration,
    SupplyChainGuidelinesPage,
)
from .selectors import (
    guidelines_declaration_latest,
    guidelines_page_live,
    guidelines_version_number,
)

LETTERS = [*string.ascii_uppercase, "0-9"]
SME_WORDS = "Small and medium-sized enterprise (SME)"
ILLUSTRATIVE = " (illustrative demo data)"


def size_text(supplier: SupplierOrganisation) -> str:
    """The size band, with the SME wording for micro, small and medium, marked if derived."""
    if not supplier.size_band:
        return "Not given"
    text = supplier.get_size_band_display()
    if supplier.is_sme:
        text = f"{text} \N{EN DASH} {SME_WORDS}"
    return text + (ILLUSTRATIVE if supplier.size_is_illustrative else "")


def badges(supplier: SupplierOrganisation) -> list[dict]:
    """GOV.UK tags for the facts buyers filter on: SME and VCSE."""
    tags = []
    if supplier.is_sme:
        tags.append({"text": "SME", "classes": "govuk-tag--blue"})
    if supplier.is_vcse:
        tags.append({"text": "VCSE", "classes": "govuk-tag--green"})
    return tags


def regions_text(supplier: SupplierOrganisation) -> str:
    if supplier.serves_whole_uk:
        text = "The whole UK"
    else:
        text = ", ".join(region.name for region in supplier.regions_served.all()) or "Not given"
    return text + (ILLUSTRATIVE if supplier.profile_is_illustrative else "")


def vcse_text(supplier: SupplierOrganisation) -> str:
    if not supplier.is_vcse:
        return "No"
    text = f"Yes \N{EN DASH} {supplier.get_vcse_type_display()}"
    return text + (ILLUSTRATIVE if supplier.profile_is_illustrative else "")


def link(href: str, text: str):
    return format_html('<a class="govuk-link" href="{}">{}</a>', href, text) if href else ""


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def profile_rows(supplier: SupplierOrganisation) -> list[tuple]:
    """Who the supplier is and where it works, for a summary list."""
    region = supplier.head_office_region
    return [
        ("Organisation identifier", supplier.identifier or "Not given"),
        ("Verified by CCS", "Yes" if supplier.verified else "Not yet"),
        ("Website", link(supplier.website, supplier.website) or "Not given"),
        ("Size", size_text(supplier)),
        ("Voluntary, community or social enterprise (VCSE)", vcse_text(supplier)),
        ("Head office region", region.name if region else "Not given"),
        ("Regions served", regions_text(supplier)),
    ]


def social_value_rows(supplier: SupplierOrganisation) -> list[tuple]:
    plan = supplier.carbon_reduction_plan_url
    return [
        ("Accredited Real Living Wage employer", yes_no(supplier.real_living_wage_employer)),
        ("Offers apprenticeships", yes_no(supplier.offers_apprenticeships)),
        ("Carbon reduction plan", link(plan, "Read the carbon reduction plan") or "Not published"),
    ]


def letter_links(*, initials: set[str], current: str) -> list[dict]:
    """One entry per letter; a letter no supplier starts with gets no link."""
    return [
        {"letter": letter, "has_suppliers": letter in initials, "current": letter == current}
        for letter in LETTERS
    ]


@dataclass(frozen=True)
class PartnerItem:
    partner: SupplierOrganisation
    role: str  # what the partner is to this supplier
    statement: str
    declared_by: SupplierOrganisation
    confirmed_by: SupplierOrganisation
    confirmed_on: str


# A partnership is declared by one supplier about another. Read from the other
# side, a subcontractor's prime contractor is the declaring supplier, and so on.
_ROLE_WORDS = {PartnerRole.SUBCONTRACTOR: "Subcontractor", PartnerRole.PRIME: "Prime contractor"}
REVERSED_ROLE = {
    PartnerRole.SUBCONTRACTOR: PartnerRole.PRIME,
    PartnerRole.PRIME: PartnerRole.SUBCONTRACTOR,
}


def date_text(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y")


def partner_items(supplier: SupplierOrganisation) -> list[PartnerItem]:
    """Current partners in both directions, each described from this supplier's side.

    Relies on ``supplier_get`` having prefetched confirmed partnerships only.
    """
    items = [
        PartnerItem(
            p.partner,
            _ROLE_WORDS[p.role],
            p.statement,
            supplier,
            p.partner,
            date_text(p.answered_at),
        )
        for p in supplier.partnerships.all()
    ]
    items += [
        PartnerItem(
            p.supplier,
            _ROLE_WORDS[REVERSED_ROLE[p.role]],
            p.statement,
            p.supplier,
            supplier,
            date_text(p.answered_at),
        )
        for p in supplier.partnerships_as_partner.all()
    ]
    return sorted(items, key=lambda item: item.partner.display_name.lower())


def code_of_conduct_url(supplier: SupplierOrganisation) -> str:
    if supplier.code_of_conduct_url:
        return supplier.code_of_conduct_url
    return supplier.code_of_conduct_file.url if supplier.code_of_conduct_file else ""


def contact_rows(supplier: SupplierOrganisation) -> list[tuple]:
    """The contact details the supplier chose to publish, and only those: a detail
    that is not published (or is blank) gets no row at all."""
    rows = []
    if supplier.publish_contact_name and supplier.contact_name:
        rows.append(("Name", supplier.contact_name))
    email = supplier.published_contact_email
    if email:
        rows.append(("E-mail", link(f"mailto:{email}", email)))
    if supplier.publish_contact_phone and supplier.contact_phone:
        phone = supplier.contact_phone
        rows.append(("Phone", link(f"tel:{phone.replace(' ', '')}", phone)))
    return rows


@dataclass(frozen=True)
class GuidelinesStatus:
    """Where a supplier stands: the published guidelines and its latest declaration."""

    page: SupplyChainGuidelinesPage | None
    declaration: SupplyChainGuidelinesDeclaration | None

    @property
    def is_current(self) -> bool:
        return bool(
            self.page
            and self.declaration
            and self.declaration.version_published_at == self.page.version_published_at
        )

    @property
    def is_outdated(self) -> bool:
        return bool(self.page and self.declaration and not self.is_current)

    @property
    def declared_version(self) -> str:
        """Such as "version 2 of 3 March 2026"."""
        if self.declaration is None:
            return ""
        declared = self.declaration
        return f"version {declared.version_number} of {date_text(declared.version_published_at)}"

    @property
    def current_version(self) -> str:
        if self.page is None:
            return ""
        return f"version {self.current_number} of {date_text(self.page.version_published_at)}"

    @property
    def current_number(self) -> int:
        return guidelines_version_number(page=self.page) if self.page else 0


def guidelines_status(*, supplier: SupplierOrganisation) -> GuidelinesStatus:
    return GuidelinesStatus(
        page=guidelines_page_live(),
        declaration=guidelines_declaration_latest(supplier=supplier),
    )
