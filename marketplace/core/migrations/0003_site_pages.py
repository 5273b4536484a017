"""Replace Wagtail's welcome page with the service's home page and the pages every
government service must have: accessibility statement, privacy notice, cookies.
CCS edits their wording in the admin afterwards."""

import json
import uuid

from django.db import migrations

PAGES = [
    {
        "slug": "accessibility-statement",
        "title": "Accessibility statement",
        "summary": "How accessible this service is, and how to tell us about a problem.",
        "body": [
            (
                "paragraph",
                "<p>We want as many people as possible to be able to use this service. You should be able to change colours, contrast levels and fonts, zoom in up to 400% without the text spilling off the screen, and get from the start of each journey to the end using just a keyboard or speech recognition software.</p>",
            ),
            ("heading", "How accessible this service is"),
            (
                "paragraph",
                "<p>We build the service with the GOV.UK Design System and test every type of public page with automated accessibility checks against the Web Content Accessibility Guidelines (WCAG) version 2.2 AA standard. Each journey works without JavaScript.</p>",
            ),
            ("heading", "Reporting accessibility problems"),
            (
                "paragraph",
                "<p>If you find a problem that is not listed on this page, or you need information in a different format, e-mail marketplace-feedback@example.gov.uk. We will reply within 5 working days.</p>",
            ),
            ("heading", "Enforcement procedure"),
            (
                "paragraph",
                "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).</p>",
            ),
        ],
    },
    {
        "slug": "privacy-notice",
        "title": "Privacy notice",
        "summary": "What personal data the service keeps, why, and your rights.",
        "body": [
            ("heading", "What we collect"),
            (
                "paragraph",
                "<p>When you create an account we keep your name, your work e-mail address and the organisation you work for. When you leave feedback about a supplier, moderators can see who wrote it; the public sees only the name you choose to show.</p>",
            ),
            ("heading", "Why we collect it"),
            (
                "paragraph",
                "<p>We use it to let you sign in, to check that only public-sector buyers leave feedback, and to keep an audit trail of changes to listings, searches and feedback.</p>",
            ),
            ("heading", "Your rights"),
            (
                "paragraph",
                "<p>You can ask to see the personal data we hold about you, and ask us to correct it. E-mail marketplace-feedback@example.gov.uk.</p>",
            ),
        ],
    },
    {
        "slug": "cookies",
        "title": "Cookies",
        "summary": "This service only uses cookies it needs to work.",
        "body": [
            (
                "paragraph",
                "<p>We do not use cookies to measure how you use the service, and we do not set any advertising cookies.</p>",
            ),
            ("heading", "Essential cookies"),
            (
                "paragraph",
                "<ul><li><b>sessionid</b>: keeps you signed in. Expires when you sign out or after 2 weeks.</li><li><b>csrftoken</b>: protects the forms you fill in from attack by other websites. Expires after 1 year.</li></ul>",
            ),
        ],
    },
]


def stream(blocks):
    return json.dumps(
        [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in blocks]
    )


def create_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("core", "HomePage")
    ContentPage = apps.get_model("core", "ContentPage")

    # Wagtail's own migrations leave a "Welcome" page at /home/; ours takes its place.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    root = Page.objects.get(depth=1)
    locale = Locale.objects.first()
    home_type, _ = ContentType.objects.get_or_create(app_label="core", model="homepage")
    content_type, _ = ContentType.objects.get_or_create(app_label="core", model="contentpage")
    home = HomePage.objects.create(
        title="Open Procurement Marketplace",
        draft_title="Open Procurement Marketplace",
        slug="home",
        content_type=home_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=len(PAGES),
        url_path="/home/",
        locale=locale,
        live=True,
        introduction=(
            "Find suppliers of digital and technology services for the public sector, "
            "see how they performed for other buyers, and see what government plans to buy."
        ),
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    for position, page in enumerate(PAGES, start=1):
        ContentPage.objects.create(
            title=page["title"],
            draft_title=page["title"],
            slug=page["slug"],
            content_type=content_type,
            path=f"{home.path}{position:04d}",
            depth=3,
            numchild=0,
            url_path=f"/home/{page['slug']}/",
            locale=locale,
            live=True,
            summary=page["summary"],
            body=stream(page["body"]),
        )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page_id": home.pk,
            "site_name": "Open Procurement Marketplace",
        },
    )


def remove_pages(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth__gte=2, content_type__app_label="core").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_regions"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(create_pages, remove_pages)]
