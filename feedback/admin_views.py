"""Feedback moderation in the Wagtail admin: the queues, and one page per item
waiting (a feedback version, a supplier's response, a dispute) with its actions.

Moderators act only through the audited services in ``services.py``; these
views read, show and hand over. Wagtail's admin URLs already require admin
access; every view here also requires ``feedback.moderate_feedback``. Actions
post back to the item's own page: a refusal re-shows it with a 400, the
messages and what the moderator typed, so nothing is lost.
"""

from abc import ABC, abstractmethod

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.forms import Form
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from . import services
from .admin_forms import (
    DisputeDecisionForm,
    PublishForm,
    feedback_reject_form,
    response_reject_form,
)
from .admin_presenters import identity, ratings, texts
from .models import Dispute, FeedbackVersion, ModerationState, SupplierResponse
from .selectors import moderation_queue, public_name

URL_NAMESPACE = "feedback_moderation"


def queue_url() -> str:
    return reverse(f"{URL_NAMESPACE}:queue")


class ModerationView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(services.MODERATE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(guidelines_url=services.GUIDELINES_PATH, **kwargs)


class QueueView(ModerationView):
    page_title = _("Feedback moderation")
    template_name = "feedback/admin/queue.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        queue = moderation_queue()
        return super().get_context_data(
            feedback=list(queue["feedback"]),
            responses=list(queue["responses"]),
            disputes=list(queue["disputes"]),
            **kwargs,
        )


class ItemView(ModerationView, ABC):
    """One item in a queue. Subclasses name the forms each action posts
    (``forms``) and say what each action does (``perform``)."""

    model: type[Model]
    # Action name → the label of its submit button.
    actions: dict[str, str] = {}

    @abstractmethod
    def get_queryset(self) -> QuerySet:
        """The items of this kind a moderator may open."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])

    @abstractmethod
    def is_open(self) -> bool:
        """Whether the item still waits for a decision."""

    @abstractmethod
    def get_form(self, action: str, data=None) -> Form:
        """The form the action posts."""

    @abstractmethod
    def perform(self, action: str, form: Form) -> str:
        """Do the action through its service and return the success message."""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": queue_url(), "label": _("Feedback moderation")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, bound=None, **kwargs):
        forms = {}
        if self.is_open():
            forms = {action: self.get_form(action) for action in self.actions}
            forms.update(bound or {})
        return super().get_context_data(
            object=self.object,
            actions=[
                {"name": name, "label": label, "form": forms[name]}
                for name, label in self.actions.items()
                if name in forms
            ],
            **kwargs,
        )

    def post(self, request, *args, **kwargs) -> HttpResponse:
        action = request.POST.get("action", "")
        if action not in self.actions:
            return HttpResponseBadRequest("Unknown action")
        form = self.get_form(action, request.POST)
        if form.is_valid():
            try:
                done = self.perform(action, form)
            except ValidationError as error:
                # The service's transaction rolled back: the item is as it was.
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, done)
                return redirect(queue_url())
        else:
            messages.error(request, _("Check the form below: something is missing or wrong."))
        context = self.get_context_data(bound={action: form})
        return self.render_to_response(context, status=400)


class VersionView(ItemView):
    template_name = "feedback/admin/version.html"
    actions = {"publish": _("Publish"), "reject": _("Reject")}

    def get_queryset(self):
        return FeedbackVersion.objects.select_related(
            "feedback__author",
            "feedback__buyer_organisation",
            "feedback__supplier",
            "feedback__listing",
            "feedback__pseudonym_region",
            "feedback__declared_contract__declared_by",
            "feedback__award__saved_search__project",
            "feedback__award__awarded_entry__listing_version",
            "moderated_by",
        )

    def get_page_title(self):
        return _("Feedback on %(supplier)s") % {"supplier": self.object.feedback.supplier}

    def is_open(self):
        return self.object.state == ModerationState.PENDING

    def get_form(self, action, data=None):
        if action == "publish":
            return PublishForm(data, version=self.object)
        return feedback_reject_form(data)

    def perform(self, action, form):
        if action == "publish":
            version = services.feedback_publish(
                actor=self.request.user, version=self.object, **form.service_arguments()
            )
            if version.redacted:
                return _(
                    "Feedback published with your redactions. We have told the supplier "
                    "and the author."
                )
            return _("Feedback published. We have told the supplier and the author.")
        services.feedback_reject(
            actor=self.request.user, version=self.object, reason=form.cleaned_data["reason"]
        )
        return _("Feedback rejected. We have e-mailed your reason to the author.")

    def get_context_data(self, **kwargs):
        version = self.object
        feedback = version.feedback
        return super().get_context_data(
            version=version,
            feedback=feedback,
            identity=identity(feedback),
            public_name=public_name(feedback),
            ratings=ratings(version),
            texts=texts(version),
            earlier=feedback.versions.exclude(pk=version.pk)
            .select_related("moderated_by")
            .order_by("-number"),
            **kwargs,
        )


class ResponseView(ItemView):
    template_name = "feedback/admin/response.html"
    actions = {"publish": _("Publish"), "reject": _("Reject")}

    def get_queryset(self):
        return SupplierResponse.objects.select_related(
            "author", "feedback__supplier", "feedback__buyer_organisation", "moderated_by"
        )

    def get_page_title(self):
        return _("Response from %(supplier)s") % {"supplier": self.object.feedback.supplier}

    def is_open(self):
        return self.object.state == ModerationState.PENDING

    def get_form(self, action, data=None):
        return Form(data) if action == "publish" else response_reject_form(data)

    def perform(self, action, form):
        publish = action == "publish"
        services.response_moderate(
            actor=self.request.user,
            response=self.object,
            publish=publish,
            reason="" if publish else form.cleaned_data["reason"],
        )
        if publish:
            return _(
                "Response published. We have told the supplier and the author of the feedback."
            )
        return _("Response rejected. We have e-mailed your reason to the supplier.")

    def get_context_data(self, **kwargs):
        feedback = self.object.feedback
        published = feedback.versions.filter(state=ModerationState.PUBLISHED).order_by("-number")
        version = published.first()
        return super().get_context_data(
            feedback=feedback,
            version=version,
            public_name=public_name(feedback),
            ratings=ratings(version) if version else [],
            texts=texts(version, public=True) if version else [],
            response_text=texts(self.object, fields={"text": _("The supplier's response")}),
            **kwargs,
        )


class DisputeView(ItemView):
    template_name = "feedback/admin/dispute.html"
    actions = {"decide": _("Save decision")}

    def get_queryset(self):
        return Dispute.objects.select_related(
            "raised_by",
            "decided_by",
            "version__feedback__author",
            "version__feedback__buyer_organisation",
            "version__feedback__supplier",
            "version__feedback__pseudonym_region",
            "version__feedback__declared_contract__declared_by",
            "version__feedback__award__saved_search__project",
            "version__feedback__award__awarded_entry__listing_version",
        )

    def get_page_title(self):
        return _("Dispute from %(supplier)s") % {"supplier": self.object.version.feedback.supplier}

    def is_open(self):
        return self.object.outcome == "open"

    def get_form(self, action, data=None):
        return DisputeDecisionForm(data)

    def perform(self, action, form):
        dispute = services.dispute_decide(
            actor=self.request.user,
            dispute=self.object,
            upheld=form.upheld,
            decision=form.cleaned_data["decision"],
        )
        return _("Dispute decided: %(outcome)s.") % {"outcome": dispute.get_outcome_display()}

    def get_context_data(self, **kwargs):
        version = self.object.version
        return super().get_context_data(
            dispute=self.object,
            version=version,
            feedback=version.feedback,
            identity=identity(version.feedback),
            public_name=public_name(version.feedback),
            ratings=ratings(version),
            texts=texts(version, public=True),
            reason=texts(self.object, fields={"reason": _("What the supplier says is inaccurate")}),
            **kwargs,
        )
