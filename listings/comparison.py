"""A listing version as a reviewer reads it, and what changed between two versions.

Each field becomes a label and a display value (a string, or a list of strings
for lists such as features and categories), so the review page can show a
version in full and compare two versions field by field with the same code.
"""

from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from marketplace.core.money import money_text

from .models import ListingVersion
from .presenters import document_name, document_url

DisplayValue = str | list[str]


@dataclass(frozen=True)
class VersionField:
    name: str
    label: str
    value: DisplayValue
    url: str = ""  # where an uploaded document can be opened

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: DisplayValue
    after: DisplayValue

    @property
    def is_list(self) -> bool:
        return isinstance(self.after, list) or isinstance(self.before, list)


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _money(value) -> str:
    return money_text(value, pence="always", missing=_("Not given"))


def _file(version: ListingVersion, field: str) -> str:
    return document_name(version, field) or _("None uploaded")


def version_fields(version: ListingVersion) -> list[VersionField]:
    """Every field a supplier fills in, in the order of the listing form."""
    rows = [
        ("name", version.name),
        ("summary", version.summary),
        ("description", version.description),
        ("features", list(version.features)),
        ("benefits", list(version.benefits)),
        ("categories", [category.name for category in version.categories.order_by("path")]),
        ("serves_whole_uk", _yes_no(version.serves_whole_uk)),
        ("regions", [region.name for region in version.regions.all()]),
        ("open_standards", version.open_standard_labels),
        ("integrations", version.integration_labels),
        ("price", f"{_money(version.price)} {version.get_price_unit_display()}"),
        ("pricing_model", version.get_pricing_model_display()),
        ("free_trial", _yes_no(version.free_trial)),
        ("education_pricing", _yes_no(version.education_pricing)),
        ("buy_online", _yes_no(version.buy_online)),
        ("unit_price", _money(version.unit_price)),
        ("service_definition", _file(version, "service_definition")),
        ("terms", _file(version, "terms")),
    ]
    documents = {name: document_url(version, name) for name in ("service_definition", "terms")}
    return [
        VersionField(
            name,
            capfirst(ListingVersion._meta.get_field(name).verbose_name),
            value,
            documents.get(name, ""),
        )
        for name, value in rows
    ]


def version_changes(*, before: ListingVersion, after: ListingVersion) -> list[FieldChange]:
    """The fields whose displayed value differs, with both values."""
    return [
        FieldChange(label=new.label, before=old.value, after=new.value)
        for old, new in zip(version_fields(before), version_fields(after), strict=True)
        if old.value != new.value
    ]
