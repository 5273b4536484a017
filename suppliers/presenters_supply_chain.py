"""Plain-English wording for the supply chain: partnerships seen from one
organisation's side, and where a supplier stands with the guidelines."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html

from .models import (
    PartnerRole,
    PartnershipStatus,
    SupplierOrganisation,
    SupplyChainGuidelinesDeclaration,
    SupplyChainGuidelinesPage,
    SupplyChainPartnership,
)
from .selectors import (
    guidelines_declaration_latest,
    guidelines_page_live,
    guidelines_version_number,
)

_YOUR = {
    PartnerRole.SUBCONTRACTOR: "Your subcontractor",
    PartnerRole.PRIME: "Your prime contractor",
}
_REVERSED = {
    PartnerRole.SUBCONTRACTOR: PartnerRole.PRIME,
    PartnerRole.PRIME: PartnerRole.SUBCONTRACTOR,
}
_WHAT_HAPPENED = {
    PartnershipStatus.DECLINED: "Declined",
    PartnershipStatus.WITHDRAWN: "Request withdrawn",
    PartnershipStatus.ENDED: "Ended",
}


def date_text(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y")


def other_side(*, partnership: SupplyChainPartnership, supplier: SupplierOrganisation):
    return partnership.partner if partnership.supplier_id == supplier.pk else partnership.supplier


def partner_role_words(
    *, partnership: SupplyChainPartnership, supplier: SupplierOrganisation
) -> str:
    """What the other organisation is to ``supplier``. The role is stated by the
    proposer about the partner, so read from the partner's side it is reversed."""
    role = PartnerRole(partnership.role)
    return _YOUR[role if partnership.supplier_id == supplier.pk else _REVERSED[role]]


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
