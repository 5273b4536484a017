"""CCS sets a buyer organisation's largest card order in the Wagtail admin; without
one, ORDERS_DEFAULT_MAX_ORDER_POUNDS applies. Limits are changed, never deleted."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from marketplace.core.wagtail_admin import NoDeleteSnippetViewSet

from .models import BuyerOrderLimit


class BuyerOrderLimitViewSet(NoDeleteSnippetViewSet):
    model = BuyerOrderLimit
    icon = "form"
    menu_label = _("Card order limits")
    menu_name = "card-order-limits"
    add_to_admin_menu = True
    menu_order = 290
    copy_view_enabled = False
    list_display = ["buyer_organisation", "max_order_pounds", "updated_at"]
    form_fields = ["buyer_organisation", "max_order_pounds"]


register_snippet(BuyerOrderLimitViewSet)
