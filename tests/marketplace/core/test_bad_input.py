"""Bad input is never a server error, in any form or filter the site renders.

The fields are not listed by hand: the test signs in as each kind of user
(anonymous, buyer, supplier, CCS), walks the pages of the URL configuration
reachable by following links from the pages without parameters, reads every
``<form>`` they render, and submits each field of each form with each bad value
(the other fields keep the answers the page filled in). No answer may be a 5xx.
Wagtail's own admin and page trees are left out: they are Wagtail's, not ours.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from direct_award import services as direct_award
from feedback import services as feedback
from frameworks.models import FrameworkStatus
from marketplace.accounts.roles import CCS_REVIEWERS_GROUP
from strategies.services import organisation_strategy_index_ensure
from tests.factories import (
    BuyerFactory,
    BuyingOrganisationFactory,
    UserFactory,
    listing_make,
    supplier_showcase_make,
)
from tests.feedback.conftest import content
from tests.strategies.conftest import entry, make_strategy

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

BAD_VALUES = {
    "out of range": "2147483648",
    "huge": "99999999999999999999999",
    "non-numeric": "not a number",
    "empty": "",
    "unicode digits": "\N{ARABIC-INDIC DIGIT ONE}\N{ARABIC-INDIC DIGIT TWO}",
}
# Wagtail's own trees, and files rather than pages (they render no form).
OUT_OF_SCOPE = ("/admin/", "/documents/", "/account/sign-out/")
FILE_SUFFIXES = (".pdf", ".csv", ".json", ".ods", ".svg")
# Pages of one route share their forms: four of each meet them all (a buyer's
# searches differ: open, ended, awarded).
PAGES_PER_ROUTE = 4


@dataclass
class Form:
    page: str
    action: str
    method: str
    answers: dict[str, list[str]] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        """Forms with the same fields sent to the same route are the same form."""
        return (self.method, route_of(urlsplit(self.action).path), *self.names)


def routes(patterns=None, prefix="") -> list[str]:
    """Every route of the URL configuration outside Wagtail's own trees."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if getattr(pattern.urlconf_module, "__name__", "").startswith("wagtail."):
                continue
            found += routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            found.append(prefix + str(pattern.pattern))
    return found


def route_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return None if match.func.__module__.startswith("wagtail.") else match.route


def _chosen_radio(form, name: str, radio) -> bool:
    """The checked radio of its group or, when none is, the first: a person who
    presses the button would have chosen one."""
    group = form.find_all("input", attrs={"type": "radio", "name": name})
    checked = [each for each in group if each.has_attr("checked")]
    return radio is (checked or group)[0]


def forms_on(html: str, page: str) -> list[Form]:
    forms = []
    for element in BeautifulSoup(html, "html.parser").find_all("form"):
        form = Form(
            page=page,
            action=urljoin(page, element.get("action") or page),
            method=(element.get("method") or "get").lower(),
        )
        target = urlsplit(form.action)
        if target.netloc not in {"", "testserver"} or target.path.startswith(OUT_OF_SCOPE):
            continue
        for control in element.find_all(["input", "select", "textarea", "button"]):
            name = control.get("name")
            if not name:
                continue
            if name != "csrfmiddlewaretoken" and name not in form.names:
                form.names.append(name)
            kind = (control.get("type") or "").lower()
            if control.name == "button" or kind in {"submit", "image", "file"}:
                continue  # sent only when pressed or chosen
            if kind == "checkbox" and not control.has_attr("checked"):
                continue
            if kind == "radio" and not _chosen_radio(element, name, control):
                continue
            if control.name == "select":
                chosen = (
                    control.find_all("option", selected=True)[:1] or control.find_all("option")[:1]
                )
                values = [option.get("value", option.text) for option in chosen]
            elif control.name == "textarea":
                values = [control.text]
            else:
                values = [control.get("value", "on" if kind in {"checkbox", "radio"} else "")]
            form.answers.setdefault(name, []).extend(values)
        forms.append(form)
    return forms


class Visitor:
    """One kind of user going round the site, noting every form and every 5xx."""

    def __init__(self, user):
        self.user, self.client = user, Client()
        self.failures: list[tuple] = []
        if user is not None:
            self.client.force_login(user)

    def send(self, method: str, path: str, answers=None, *, what=()):
        """A request in a savepoint, so a database error cannot spoil the next one.
        If the answer signed somebody in or out, the visitor is put back as they were."""
        before = self.client.cookies.get(settings.SESSION_COOKIE_NAME)
        try:
            with transaction.atomic():
                response = getattr(self.client, method)(path, answers or {})
        except Exception as error:  # the failure is what this test reports
            self.failures.append((path, *what, repr(error)[:300]))
            return None
        if response.status_code >= 500:
            self.failures.append((path, *what, response.status_code))
        after = response.cookies.get(settings.SESSION_COOKIE_NAME)
        if after is not None and (before is None or after.value != before.value):
            self.client.cookies.clear()
            if self.user is not None:
                self.client.force_login(self.user)
        return response

    def crawl(self) -> list[Form]:
        """The forms on every page reached from the routes without parameters, by
        following links and by sending each form once as the page filled it in
        (which is how a supplier reaches the second step of a new listing)."""
        queue = [f"/{route}" for route in routes() if "<" not in route]
        seen: set[str] = set()
        per_route: dict[str, int] = defaultdict(int)
        sent: set[tuple] = set()
        forms: list[Form] = []
        while queue:
            path = queue.pop(0)
            route = route_of(path)
            if (
                path in seen
                or route is None
                or path.startswith(OUT_OF_SCOPE)
                or path.endswith(FILE_SUFFIXES)
                or per_route[route] >= PAGES_PER_ROUTE
            ):
                continue
            seen.add(path)
            per_route[route] += 1
            response = self.send("get", path)
            if response is None or "text/html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            for link in BeautifulSoup(html, "html.parser").find_all("a", href=True):
                parts = urlsplit(urljoin(path, link["href"]))
                if parts.netloc in {"", "testserver"}:
                    queue.append(parts.path)
            for form in forms_on(html, path):
                forms.append(form)
                if form.method == "post" and form.key not in sent:
                    sent.add(form.key)
                    answer = self.send("post", form.action, form.answers, what=("as filled",))
                    if answer is not None and answer.status_code in {301, 302, 303}:
                        queue.append(urlsplit(answer.url).path)
        return forms


@pytest.fixture
def people():
    """Somebody of each kind, each with something to do: a supplier with listings and
    partners, a buyer who awarded it a contract and wrote feedback on it, a CCS
    reviewer, and a published procurement strategy with a pipeline."""
    showcase = supplier_showcase_make()
    showcase["framework"].status = FrameworkStatus.LIVE
    showcase["framework"].save()
    supplier_user = showcase["supplier_user"]
    listing_make(supplier_user=supplier_user, lot=showcase["lots"][0], name="A draft service")

    buyer = BuyerFactory()
    project = direct_award.project_create(actor=buyer, name="Housing cases")

    def ended(listing, *, awarded: bool):
        saved = direct_award.saved_search_create(
            actor=buyer, project=project, query_string="q=housing", description="housing"
        )
        (entry,) = direct_award.saved_search_end(
            actor=buyer, saved_search=saved, listing_ids=[listing.pk]
        )
        if not awarded:
            return None  # its outcome form is still to fill in
        return direct_award.outcome_record(
            actor=buyer,
            saved_search=saved,
            kind="awarded",
            awarded_entry=entry,
            value=Decimal(12000),
            start_date=date(2026, 4, 1),
            end_date=date(2027, 3, 31),
        )

    case_management, user_research = showcase["listings"]
    award = ended(case_management, awarded=True)
    ended(user_research, awarded=True)  # no feedback on it yet
    ended(case_management, awarded=False)
    direct_award.saved_search_create(
        actor=buyer, project=project, query_string="q=research", description="research"
    )
    written = feedback.feedback_create(actor=buyer, content=content(), award=award)
    ccs = UserFactory(email="moderator@ccs.example.gov.uk")
    ccs.groups.add(Group.objects.get(name=CCS_REVIEWERS_GROUP))
    feedback.feedback_publish(actor=ccs, version=written.versions.get())

    organisation = BuyingOrganisationFactory(name="Alpha Purchasing", slug="alpha")
    organisation_strategy_index_ensure(organisation=organisation)
    make_strategy(organisation, 2026, [entry("Data platform", "400000")])
    return {"anonymous": None, "buyer": buyer, "supplier": supplier_user, "CCS": ccs}


def test_no_bad_value_in_any_form_or_filter_is_a_server_error(people):
    tried, failures = 0, []
    names_done: dict[tuple, set[str]] = {}
    for kind, user in people.items():
        visitor = Visitor(user)
        found = visitor.crawl()
        for form in found:
            # A form met again (on another page, or by another user) adds only the
            # fields not yet tried on its route.
            done = names_done.setdefault(form.key[:2], set())
            names = [name for name in form.names if name not in done]
            done.update(names)
            for name in names:
                for label, value in BAD_VALUES.items():
                    tried += 1
                    answers = {**form.answers, name: [value]}
                    visitor.send(form.method, form.action, answers, what=(kind, name, label))
        failures += visitor.failures

    assert failures == []
    # The walk found the forms: if it ever finds nothing, this says so.
    # Some 25 forms and 780 submissions when this was written.
    assert len(names_done) >= 20, sorted(names_done)
    assert tried >= 600, tried
