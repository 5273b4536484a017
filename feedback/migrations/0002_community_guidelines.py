"""Publish the community guidelines for feedback at /feedback-guidelines/.

A content page directly under the home page, like the accessibility statement,
so CCS can edit the wording in the admin. It sits at the top level rather than
at /feedback/guidelines/ so it never competes with Django URLs under /feedback/.
The rating scale below is written out, not imported from ``feedback.scale``: a
migration must not change when the code does.
"""

import json
import uuid

from django.db import migrations
from django.utils import timezone

SLUG = "feedback-guidelines"
TITLE = "Community guidelines for feedback"
SUMMARY = (
    "How to write feedback about a supplier, what moderators publish and reject, "
    "and how a supplier can respond to feedback or dispute it."
)
BODY = [
    (
        "paragraph",
        "<p>Feedback helps public-sector buyers choose suppliers, and helps suppliers improve. "
        "Only verified public-sector buyers can write it, and only about a supplier their "
        "organisation has a contract with: one awarded through this service, or one they "
        "declare. Suppliers cannot write feedback. A moderator reads everything before it is "
        "published.</p>",
    ),
    ("heading", "Writing feedback"),
    (
        "paragraph",
        "<ul>"
        "<li><b>Be factual and fair.</b> Say what happened and give examples. Mention what "
        "went well as well as what could be better.</li>"
        "<li><b>Write about the work, not people.</b> Do not name or describe individual staff, "
        "the supplier's or your own.</li>"
        "<li><b>Leave out personal data</b>, such as names, e-mail addresses and phone "
        "numbers.</li>"
        "<li><b>Leave out commercial-in-confidence details</b>, such as prices, day rates, "
        "discounts, contract terms and security arrangements, unless they are already "
        "published.</li>"
        "<li><b>Keep to your own experience</b> of this contract with this supplier.</li>"
        "<li><b>Use plain, polite language.</b></li>"
        "<li><b>Rate only what you saw.</b> Choose 'not applicable' when a question did not "
        "apply, for example social value on a contract with no social value "
        "commitments.</li>"
        "</ul>",
    ),
    ("heading", "The rating scale"),
    (
        "paragraph",
        "<p>You rate the supplier overall, and for quality of delivery, timeliness, value for "
        "money, communication and social value. Every rating uses the same five levels. They "
        "follow the US Contractor Performance Assessment Reporting System (CPARS), and each "
        "level matches one of the contract performance ratings for key performance indicators "
        "in the Procurement Act 2023:</p>"
        "<ul>"
        "<li><b>Exceptional</b>: far better than the contract asked "
        "(Procurement Act 2023: good)</li>"
        "<li><b>Very good</b>: better than the contract asked (Procurement Act 2023: good)</li>"
        "<li><b>Satisfactory</b>: what the contract asked "
        "(Procurement Act 2023: approaching target)</li>"
        "<li><b>Marginal</b>: some of what the contract asked, with problems "
        "(Procurement Act 2023: requires improvement)</li>"
        "<li><b>Unsatisfactory</b>: not what the contract asked "
        "(Procurement Act 2023: inadequate)</li>"
        "</ul>"
        "<p>'Not applicable' never counts towards an average. You can also say whether you "
        "would use the supplier again.</p>",
    ),
    ("heading", "What moderators reject"),
    (
        "paragraph",
        "<p>Moderators reject feedback that:</p>"
        "<ul>"
        "<li>is abusive, offensive or discriminatory</li>"
        "<li>names or describes individual people, or contains personal data that cannot "
        "simply be redacted</li>"
        "<li>is mostly commercial-in-confidence detail</li>"
        "<li>is not about this supplier's work on this contract</li>"
        "<li>accuses someone of a crime, such as fraud: report suspected fraud through your "
        "organisation's counter-fraud route instead</li>"
        "<li>advertises something, or is written by someone with a conflict of interest</li>"
        "</ul>"
        "<p>If we reject your feedback, we e-mail you the reason. You can send it again with "
        "changes.</p>",
    ),
    ("heading", "Redacting details"),
    (
        "paragraph",
        "<p>If only a few words break these guidelines, for example a price, the moderator may "
        "replace those words with [redacted] and publish the rest. Moderators cannot change or "
        "add any other words. The published feedback says that something was redacted, and we "
        "keep your original words in our records.</p>",
    ),
    ("heading", "Updating or withdrawing your feedback"),
    (
        "paragraph",
        "<p>You can add an update later, for example when the contract ends. It is moderated as "
        "a new version, and the earlier published versions stay visible as its history. You can "
        "also withdraw your feedback.</p>",
    ),
    ("heading", "How suppliers can respond"),
    (
        "paragraph",
        "<p>We e-mail the supplier when feedback about them is published. The supplier can "
        "publish one response to each feedback. Responses follow these guidelines and are "
        "moderated in the same way. If we reject a response, we e-mail the supplier the "
        "reason.</p>",
    ),
    ("heading", "Disputing feedback"),
    (
        "paragraph",
        "<p>A supplier who thinks published feedback is factually inaccurate can dispute it, "
        "saying what is wrong and why. A moderator checks and decides:</p>"
        "<ul>"
        "<li><b>upheld</b>: the feedback was found to be inaccurate. It stays visible, marked "
        "as inaccurate with the decision, and no longer counts towards the supplier's "
        "averages</li>"
        "<li><b>not upheld</b>: the feedback stands, with the decision shown next to it</li>"
        "</ul>",
    ),
    (
        "inset",
        "Nothing is silently removed. Redactions are marked, rejected feedback is kept with "
        "its reason, and every moderation decision is recorded.",
    ),
    ("heading", "Who sees what"),
    (
        "paragraph",
        "<p>The public sees the name you choose: your organisation's name, or a description "
        "such as 'a council in the North West'. Moderators always see who wrote the feedback "
        "and for which organisation. Your name and e-mail address are never published or "
        "included in downloads. Published feedback and the supplier averages are open data "
        "under the Open Government Licence.</p>",
    ),
    (
        "details",
        {
            "summary": "Illustrative feedback on the demo site",
            "text": "<p>The demo site shows illustrative feedback so you can see how feedback "
            "looks. It is labelled as illustrative and is not about real contracts.</p>",
        },
    ),
    ("heading", "Questions"),
    (
        "paragraph",
        "<p>If you have a question about these guidelines or a moderation decision, e-mail "
        "marketplace-feedback@example.gov.uk.</p>",
    ),
]

# Treebeard's materialised path: 4 base-36 characters per level.
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4


def _next_child_path(parent, Page) -> str:
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-STEP:], 36) + 1 if last else 1
    digits = ""
    while number:
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
    return parent.path + digits.rjust(STEP, "0")


def create_guidelines(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    ContentPage = apps.get_model("core", "ContentPage")
    home = Page.objects.filter(
        depth=2, content_type__app_label="core", content_type__model="homepage"
    ).first()
    if home is None or Page.objects.filter(url_path=f"{home.url_path}{SLUG}/").exists():
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="core", model="contentpage")
    now = timezone.now()
    ContentPage.objects.create(
        title=TITLE,
        draft_title=TITLE,
        slug=SLUG,
        content_type=content_type,
        path=_next_child_path(home, Page),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}{SLUG}/",
        locale_id=home.locale_id,
        live=True,
        first_published_at=now,
        last_published_at=now,
        summary=SUMMARY,
        body=json.dumps(
            [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in BODY]
        ),
    )
    home.numchild = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
    home.save(update_fields=["numchild"])


def remove_guidelines(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    page = Page.objects.filter(slug=SLUG, depth=3).first()
    if page is None:
        return
    home = Page.objects.get(path=page.path[:-STEP])
    page.delete()
    home.numchild = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
    home.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_site_pages"),
        ("feedback", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_guidelines, remove_guidelines)]
