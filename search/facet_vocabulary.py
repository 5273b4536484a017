"""The values each facet can take, as the filter form offers them and as results name them.

Two readings of one vocabulary: ``*_choices`` is every value in the form's order
with the form's wording ("Software: Backup", "Micro (fewer than 10 staff)");
``*_names`` labels just the values an executor counted, in one query, with the
shorter wording of a result ("Backup", "Micro"). The facet table
(search/facets.py) points each facet at one of each.
"""

from collections.abc import Callable, Iterable

from django.utils.translation import gettext_lazy as _

from frameworks.models import Category, Framework, Lot
from marketplace.core.models import Region
from suppliers.models import Accreditation
from suppliers.models_choices import SizeBand

TRUE = "true"  # the value of a yes/no facet (VCSE, buy online); only "yes" is shown

Choices = list[tuple[str, str]]
Names = Callable[[list[str]], dict[str, str]]


def framework_choices() -> Choices:
    return list(Framework.objects.order_by("name").values_list("slug", "name"))


def framework_names(slugs: list[str]) -> dict[str, str]:
    return dict(Framework.objects.filter(slug__in=slugs).values_list("slug", "name"))


def lot_choices() -> Choices:
    lots = Lot.objects.select_related("framework").order_by("framework__name", "number")
    return [
        (f"{lot.framework.slug}/{lot.slug}", f"{lot.framework.name}: Lot {lot.number} {lot.name}")
        for lot in lots
    ]


def lot_names(keys: list[str]) -> dict[str, str]:
    lots = Lot.objects.filter(
        framework__slug__in={key.split("/", 1)[0] for key in keys},
        slug__in={key.split("/", 1)[-1] for key in keys},
    ).select_related("framework")
    return {
        f"{lot.framework.slug}/{lot.slug}": f"Lot {lot.number}: {lot.name} ({lot.framework.name})"
        for lot in lots
    }


def category_choices() -> Choices:
    """Every category, in tree order, named with its parents ("Software: Backup")."""
    names: dict[str, str] = {}
    choices = []
    for path, slug, name in Category.objects.order_by("path").values_list("path", "slug", "name"):
        parent = names.get(path[: -Category.steplen])
        names[path] = f"{parent}: {name}" if parent else name
        choices.append((slug, names[path]))
    return choices


def category_nodes() -> list[tuple[str, str, str | None]]:
    """Every category as (slug, short name, parent's slug or None), in tree order."""
    slugs: dict[str, str] = {}
    nodes = []
    for path, slug, name in Category.objects.order_by("path").values_list("path", "slug", "name"):
        slugs[path] = slug
        nodes.append((slug, name, slugs.get(path[: -Category.steplen])))
    return nodes


def category_names(slugs: list[str]) -> dict[str, str]:
    return dict(Category.objects.filter(slug__in=slugs).values_list("slug", "name"))


def region_choices() -> Choices:
    return list(Region.objects.order_by("code").values_list("code", "name"))


def region_names(codes: list[str]) -> dict[str, str]:
    return dict(Region.objects.filter(code__in=codes).values_list("code", "name"))


def accreditation_choices() -> Choices:
    return list(Accreditation.objects.values_list("slug", "name"))


def accreditation_names(slugs: list[str]) -> dict[str, str]:
    return dict(Accreditation.objects.filter(slug__in=slugs).values_list("slug", "name"))


SIZE_CHOICES = [
    ("sme", _("Any small or medium-sized enterprise (SME)")),
    (SizeBand.MICRO, _("Micro (fewer than 10 staff)")),
    (SizeBand.SMALL, _("Small (fewer than 50 staff)")),
    (SizeBand.MEDIUM, _("Medium (fewer than 250 staff)")),
    (SizeBand.LARGE, _("Large (250 staff or more)")),
]


def enum_names(choices: Iterable[tuple[str, str]]) -> Names:
    """Names from a fixed list of choices (a model's ``TextChoices``), every one of them."""

    def names(values: list[str]) -> dict[str, str]:
        return {str(value): str(label) for value, label in choices}

    return names


def yes_name(text: str) -> Names:
    """A yes/no facet's one shown value."""

    def names(values: list[str]) -> dict[str, str]:
        return {TRUE: str(text)}

    return names
