"""The sections of a procurement strategy, as StreamField blocks.

"We will build" and "we will buy as a commodity" items name categories from the
framework map, so the year-on-year comparison can tell what moved between them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class IntentionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("What"), max_length=200)
    description = blocks.TextBlock(label=_("Why and how"), required=False)
    categories = blocks.ListBlock(
        SnippetChooserBlock("frameworks.Category"),
        label=_("Categories"),
        min_num=1,
        help_text=_("The categories of the framework map this covers."),
    )

    class Meta:
        icon = "list-ul"


class PriorityBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Priority"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)


def _percent(label) -> blocks.DecimalBlock:
    return blocks.DecimalBlock(
        label=label, required=False, min_value=0, max_value=100, decimal_places=1
    )


class PoliciesBlock(blocks.StructBlock):
    red_lines = blocks.ListBlock(
        blocks.CharBlock(max_length=300),
        label=_("Red lines"),
        required=False,
        help_text=_("Things the organisation will not buy or do, such as long lock-in contracts."),
    )
    sme_target_percent = _percent(_("Target share of spend with SMEs (%)"))
    sme_actual_percent = _percent(_("Actual share of spend with SMEs last year (%), where known"))
    vcse_target_percent = _percent(_("Target share of spend with VCSEs (%)"))
    vcse_actual_percent = _percent(_("Actual share of spend with VCSEs last year (%), where known"))
    other = blocks.RichTextBlock(label=_("Other policies"), features=TEXT_FEATURES, required=False)

    class Meta:
        icon = "doc-full"


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name or team"), max_length=200)
    role = blocks.CharBlock(label=_("Role"), max_length=200, required=False)
    email = blocks.EmailBlock(label=_("E-mail address"))
    phone = blocks.CharBlock(label=_("Telephone"), max_length=40, required=False)


class StrategySectionsBlock(blocks.StreamBlock):
    summary = blocks.RichTextBlock(label=_("Summary"), features=TEXT_FEATURES)
    priorities = blocks.ListBlock(PriorityBlock(), label=_("Priorities"))
    build = blocks.ListBlock(IntentionBlock(), label=_("We will build"))
    buy = blocks.ListBlock(IntentionBlock(), label=_("We will buy as a commodity"))
    policies = PoliciesBlock(label=_("Policies"))
    contacts = blocks.ListBlock(ContactBlock(), label=_("Contacts"))

    class Meta:
        block_counts = {
            "summary": {"max_num": 1},
            "priorities": {"max_num": 1},
            "build": {"max_num": 1},
            "buy": {"max_num": 1},
            "policies": {"max_num": 1},
            "contacts": {"max_num": 1},
        }
