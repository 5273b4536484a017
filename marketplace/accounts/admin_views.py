"""Requests to join a buyer organisation, in the Wagtail admin, for CCS.

CCS decides requests for organisations nobody belongs to yet, and can decide any
other. The views read and hand over to the audited services; every view needs
``accounts.decide_joinrequest`` (the CCS admins group has it).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .forms import JoinDecisionForm
from .selectors import DECIDE_PERMISSION, buyer_organisation_members, join_requests_waiting
from .services import JoinDecisionRefused, join_request_approve, join_request_refuse

URL_NAMESPACE = "join_requests_admin"


class JoinRequestsView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Requests to join buyer organisations")
    header_icon = "group"
    template_name = "accounts/admin/join_requests.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(DECIDE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        waiting = [
            {
                "request": item,
                "members": buyer_organisation_members(organisation=item.organisation).count(),
            }
            for item in join_requests_waiting()
        ]
        return super().get_context_data(waiting=waiting, **kwargs)

    def post(self, request, pk: int | None = None):
        # Decisions post to a request's own address; the list itself takes none.
        join_request = get_object_or_404(join_requests_waiting(), pk=pk or 0)
        form = JoinDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose approve or refuse."))
            return redirect(f"{URL_NAMESPACE}:list")
        name = join_request.user.get_full_name()
        organisation = join_request.organisation.name
        try:
            if form.cleaned_data["decision"] == "approve":
                join_request_approve(actor=request.user, join_request=join_request)
                messages.success(request, f"{name} now belongs to {organisation}.")
            else:
                join_request_refuse(actor=request.user, join_request=join_request)
                messages.success(request, f"{name}'s request to join {organisation} was refused.")
        except JoinDecisionRefused as refusal:
            messages.error(request, str(refusal))
        return redirect(f"{URL_NAMESPACE}:list")
