"""Publish the supply-chain guidelines at /supply-chain-guidelines/.

The first version of the guidance that CCS edits from here on in the admin, where
Wagtail keeps each published version. It sits directly under the home page like
the feedback guidelines, so it never competes with Django URLs under /suppliers/.
The wording is written out here, not imported, because a migration must not
change when the code does.
"""

import json
import uuid

from django.db import migrations
from django.utils import timezone

SLUG = "supply-chain-guidelines"
TITLE = "Supply-chain guidelines"
SUMMARY = (
    "How suppliers who work together on public-sector contracts should treat each other: "
    "paying on time, being open about who does the work, keeping the market open to small "
    "suppliers, settling disputes and passing social value down the chain."
)
CONTACT = "marketplace-supply-chain@example.gov.uk"
BODY = [
    (
        "paragraph",
        "<p>Many public-sector contracts are delivered by more than one organisation: a "
        "prime contractor that holds the contract and subcontractors that do part of the "
        "work. These guidelines say what the Crown Commercial Service (CCS) expects of "
        "every supplier in that chain when they sell through this marketplace. They apply "
        "to primes and subcontractors alike.</p>",
    ),
    ("heading", "Pay your subcontractors within 30 days"),
    (
        "paragraph",
        "<p>Under the Procurement Act 2023, a public body must pay a valid invoice within 30 "
        "days, and the same 30-day term must be passed down to the subcontracts that deliver "
        "a public contract. In practice:</p>"
        "<ul>"
        "<li>pay every valid invoice from a subcontractor within 30 days of receiving it, "
        "or sooner if your subcontract says so</li>"
        "<li>do not wait to be paid by the buyer before you pay your subcontractor</li>"
        "<li>put the 30-day term in every subcontract, and ask your subcontractors to put it "
        "in theirs</li>"
        "<li>tell a subcontractor straight away if you dispute an invoice, and pay the part "
        "you do not dispute</li>"
        "</ul>"
        "<p>Buyers may ask how quickly you pay. Large contracts must report payment "
        "performance under the Act.</p>",
    ),
    ("heading", "Be open about who delivers the work"),
    (
        "paragraph",
        "<ul>"
        "<li>Tell the buyer which organisations will deliver each part of the work before "
        "the contract starts, and when that changes.</li>"
        "<li>List your partners on this marketplace. A partnership shows on both "
        "organisations' profiles only after the other organisation confirms it, so never "
        "name a partner who has not agreed to work with you.</li>"
        "<li>Do not present a subcontractor's work, staff or accreditations as your own.</li>"
        "<li>End a partnership on the marketplace when you stop working together.</li>"
        "</ul>",
    ),
    ("heading", "Keep the market open to small suppliers"),
    (
        "paragraph",
        "<p>Small and medium-sized enterprises (SMEs) and voluntary, community and social "
        "enterprises (VCSEs) must stay free to win public work. Do not:</p>"
        "<ul>"
        "<li>stop a subcontractor from working with other primes, or from bidding for public "
        "contracts in its own name</li>"
        "<li>use exclusivity or non-compete terms wider or longer than the work itself "
        "needs</li>"
        "<li>ask a subcontractor to sign up to terms you would not accept from the buyer</li>"
        "<li>charge subcontractors to join your supply chain or to be named in a bid</li>"
        "</ul>",
    ),
    ("heading", "Settle disputes fairly and quickly"),
    (
        "paragraph",
        "<p>Every subcontract should say how disagreements are settled. We expect these "
        "steps:</p>"
        "<ol>"
        "<li>The people who manage the work talk first and try to agree.</li>"
        "<li>If they cannot, either side writes to the other's named senior contact, who "
        "replies within 10 working days.</li>"
        "<li>If that fails, the organisations try mediation before going to court or "
        "arbitration, and share its cost fairly.</li>"
        "<li>Work carries on while the dispute is settled, unless that would be unsafe or "
        "unlawful.</li>"
        "</ol>"
        "<p>A prime contractor must not end a subcontract, or hold back payment that is not "
        "in dispute, because a subcontractor raised a concern.</p>",
    ),
    ("heading", "Pass social value down the chain"),
    (
        "paragraph",
        "<p>When you win a contract with social value commitments, such as apprenticeships, "
        "local jobs, paying the Real Living Wage or cutting carbon emissions:</p>"
        "<ul>"
        "<li>tell your subcontractors which commitments apply to the part of the work they "
        "deliver</li>"
        "<li>agree with them how they will meet those commitments and how they will show "
        "it</li>"
        "<li>report the social value your subcontractors deliver, and give them the credit "
        "for it</li>"
        "</ul>",
    ),
    ("heading", "Declaring that you follow these guidelines"),
    (
        "paragraph",
        "<p>A supplier can declare on its account that it follows these guidelines. Its "
        "public profile then says so, with the date of the version it declared for. When "
        "CCS publishes a new version, the profile says the declaration was for an earlier "
        "version until the supplier declares again.</p>",
    ),
    (
        "inset",
        "If you declare that you follow these guidelines and do not, CCS may ask you to "
        "explain and to put things right.",
    ),
    ("heading", "Raise a concern with CCS"),
    (
        "paragraph",
        "<p>If a supplier in your chain does not follow these guidelines, first try to "
        "settle it with them. If that does not work, or you do not feel able to, e-mail "
        f"{CONTACT}. Say which suppliers and which contract it is about and what happened. "
        "We will not tell the other supplier who raised the concern without your "
        "agreement.</p>"
        "<p>You can also report late payment or unfair treatment on a public contract to the "
        "Cabinet Office's Public Procurement Review Service.</p>",
    ),
    (
        "details",
        {
            "summary": "How these guidelines change",
            "text": "<p>CCS reviews these guidelines at least once a year and after any "
            "change in the law. The date and number of the current version are shown on "
            "this page, and CCS keeps a record of every earlier version. When a new version "
            "is published, we e-mail suppliers that declared they follow an earlier one and "
            "ask them to declare again.</p>",
        },
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
    GuidelinesPage = apps.get_model("suppliers", "SupplyChainGuidelinesPage")
    home = Page.objects.filter(
        depth=2, content_type__app_label="core", content_type__model="homepage"
    ).first()
    if home is None or Page.objects.filter(url_path=f"{home.url_path}{SLUG}/").exists():
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="suppliers", model="supplychainguidelinespage"
    )
    now = timezone.now()
    page = GuidelinesPage.objects.create(
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
    # The first version's entry in the page's history, as publishing in the admin
    # would write: the version number shown on the page counts these.
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")
    PageLogEntry.objects.create(
        content_type=content_type,
        label=TITLE,
        action="wagtail.publish",
        data={},
        timestamp=now,
        uuid=uuid.uuid4(),
        page_id=page.pk,
        content_changed=True,
    )
    home.numchild = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
    home.save(update_fields=["numchild"])


def remove_guidelines(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    page = Page.objects.filter(slug=SLUG, depth=3).first()
    if page is None:
        return
    home = Page.objects.get(path=page.path[:-STEP])
    apps.get_model("wagtailcore", "PageLogEntry").objects.filter(page_id=page.pk).delete()
    page.delete()
    home.numchild = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
    home.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_site_pages"),
        ("suppliers", "0004_supply_chain"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(create_guidelines, remove_guidelines)]
