"""Site-wide models: the audit trail and the CMS pages every visitor sees."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page


class AuditEvent(models.Model):
    """One state change, written by the service that made it.

    Events are append-only: nothing in the application updates or deletes them,
    so the trail can answer "who did what, and when" for any record.
    """

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("what happened"), max_length=100, db_index=True)
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_id = models.CharField(max_length=64, blank=True, db_index=True)
    subject_repr = models.CharField(_("about"), max_length=255, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.action}: {self.subject_repr}"


class Region(models.Model):
    """A UK ITL1 region (the successor to NUTS1). Twelve rows, loaded by a migration."""

    code = models.CharField(_("ITL1 code"), max_length=3, primary_key=True)
    nuts1_code = models.CharField(_("NUTS1 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=64, unique=True)
    country = models.CharField(_("country"), max_length=32)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


# Wagtail hook: functions registered under this name are called as
# ``fn(request, context)`` when the home page is served, and may add to its context.
HOME_PAGE_CONTEXT_HOOK = "construct_home_page_context"


class HomePage(Page):
    """The front door: what the marketplace is for and where each user starts."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    subpage_types = ["core.ContentPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .forms import ServiceSearchForm

        context = super().get_context(request, *args, **kwargs)
        context["search_form"] = ServiceSearchForm()
        # What each kind of user should do next belongs to the app that knows it
        # (a buyer's projects and awards: direct_award), and core imports no
        # feature app: so those apps add to the context through this hook.
        for add_to_context in hooks.get_hooks(HOME_PAGE_CONTEXT_HOOK):
            add_to_context(request, context)
        return context


class ContentBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", template="core/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4"],
        template="core/blocks/paragraph.html",
    )
    inset = blocks.TextBlock(label=_("Inset text"), template="core/blocks/inset.html")
    warning = blocks.TextBlock(label=_("Warning"), template="core/blocks/warning.html")
    details = blocks.StructBlock(
        [
            ("summary", blocks.CharBlock(label=_("Summary"))),
            ("text", blocks.RichTextBlock(label=_("Text"), features=["bold", "link", "ul"])),
        ],
        label=_("Details (show and hide)"),
        template="core/blocks/details.html",
    )


class ContentPage(Page):
    """Guidance and policy pages: the accessibility statement, privacy notice,
    cookies, and plain-English guides for buyers and suppliers."""

    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences."))
    body = StreamField(ContentBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields
    subpage_types = ["core.ContentPage"]

    class Meta:
        verbose_name = _("content page")
