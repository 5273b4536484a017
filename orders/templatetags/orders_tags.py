from django import template

register = template.Library()


@register.filter
def pounds(value: int | None) -> str:
    """Whole pence as pounds and pence: 123456 is "£1,234.56"."""
    if value is None:
        return ""
    return f"£{value // 100:,}.{value % 100:02d}"


@register.filter
def percent(rate) -> str:
    return f"{rate * 100:.0f}%"


@register.simple_tag
def listing_buyable_by_card(listing) -> bool:
    """Whether the service page should offer buying ``listing`` online by card."""
    from orders.selectors import listing_buyable

    return listing_buyable(listing=listing)
