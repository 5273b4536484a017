"""CCS looks up supplier organisations and verifies them in the Wagtail admin.

Suppliers own their profiles, so the admin offers no add, edit or delete: only
the list, the inspect page and verification, which goes through the audited
``supplier_verify`` service.
"""

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import InspectView

from marketplace.core.wagtail_admin import AdminObjectView, NoBulkDeleteIndexView

from .models import SizeBand, SupplierOrganisation
from .services import supplier_verify

URL_NAMESPACE = "wagtailsnippets_suppliers_supplierorganisation"


def verify_label(supplier: SupplierOrganisation) -> str:
    return _("Remove verification") if supplier.verified else _("Mark as verified")


def verify_url(supplier: SupplierOrganisation) -> str:
    return reverse(f"{URL_NAMESPACE}:verify", args=[quote(supplier.pk)])


def _yes_no_all() -> forms.RadioSelect:
    return forms.RadioSelect(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))])


class SupplierFilterSet(WagtailFilterSet):
    verified = django_filters.BooleanFilter(label=_("Verified by CCS"), widget=_yes_no_all())
    size_band = django_filters.ChoiceFilter(
        label=_("Size"), choices=SizeBand.choices, empty_label=_("All"), widget=forms.RadioSelect
    )
    vcse = django_filters.BooleanFilter(label=_("VCSE"), method="filter_vcse", widget=_yes_no_all())

    class Meta:
        model = SupplierOrganisation
        fields = ["verified", "size_band", "vcse"]

    def filter_vcse(self, queryset, name, value):
        return queryset.exclude(vcse_type="") if value else queryset.filter(vcse_type="")


class SupplierIndexView(NoBulkDeleteIndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("verify"):
            buttons.append(
                MenuItem(
                    verify_label(instance), url=verify_url(instance), icon_name="tick", priority=15
                )
            )
        return buttons


class SupplierInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return "-" if value in (None, "") else value

    @cached_property
    def header_buttons(self):
        if not self.user_has_permission("verify"):
            return []
        return [
            HeaderButton(verify_label(self.object), url=verify_url(self.object), icon_name="tick")
        ]


class SupplierVerifyView(AdminObjectView):
    """GET asks to confirm; POST (with the state to set, so a repeated post
    cannot flip it back) verifies or removes verification."""

    model = SupplierOrganisation
    permission_required = "verify"
    template_name = "suppliers/admin/confirm_verify.html"
    header_icon = "tick"

    def get_page_title(self):
        return verify_label(self.object)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{URL_NAMESPACE}:list"), "label": _("Supplier organisations")},
            {"url": self.inspect_url, "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    @cached_property
    def inspect_url(self):
        return reverse(f"{URL_NAMESPACE}:inspect", args=[quote(self.object.pk)])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(supplier=self.object, inspect_url=self.inspect_url)
        return context

    def post(self, request, *args, **kwargs):
        choice = request.POST.get("verified")
        if choice not in {"true", "false"}:
            messages.error(request, _("Choose whether to verify the organisation"))
            return self.render_to_response(self.get_context_data(), status=400)
        verified = choice == "true"
        supplier_verify(actor=request.user, supplier=self.object, verified=verified)
        done = (
            _("'%(name)s' is now verified.") if verified else _("'%(name)s' is no longer verified.")
        )
        messages.success(request, done % {"name": self.object})
        return redirect(self.inspect_url)
