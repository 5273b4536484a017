"""Guided journeys: a few plain-English questions for each kind of buyer, ending in a search.

A buyer who does not know the names of frameworks or lots answers two to four
questions ("What do you need?", "Do you prefer local suppliers?") and lands on
a pre-filtered results page. Journeys are data: each answer says which query
parameters it adds, and the keywords are buyer words that the synonym list in
``search/relevance.py`` widens ("email" also finds Microsoft 365 and Google
Workspace). A test walks every combination of answers through the search
FilterSet, so no journey can end in an invalid search.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from marketplace.core.models import Region

Params = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Answer:
    value: str
    text: str
    params: Params = ()


@dataclass(frozen=True)
class Question:
    name: str  # the query parameter that carries the answer
    text: str
    error: str  # shown when no answer is chosen
    hint: str = ""
    answers: tuple[Answer, ...] = ()
    ask_region: bool = False  # add one answer per ITL1 region, read from the database

    def choices(self) -> list[Answer]:
        if not self.ask_region:
            return list(self.answers)
        regions = Region.objects.order_by("code").values_list("code", "name")
        return [
            *self.answers,
            *(Answer(code, str(name), (("based_in", code),)) for code, name in regions),
        ]

    def answer(self, value: str) -> Answer | None:
        return next((a for a in self.choices() if a.value == value), None)


@dataclass(frozen=True)
class Journey:
    slug: str
    who: str  # "a school or academy", to follow "Find services for"
    summary: str  # one line on the guides index
    questions: tuple[Question, ...]


def _need(value: str, text: str, keywords: str) -> Answer:
    return Answer(value, text, (("q", keywords),))


NEEDS = {
    "email": _need("email", _("Email and office software"), "email"),
    "website": _need("website", _("A website"), "website"),
    "backup": _need("backup", _("Backing up files and systems"), "backup"),
    "payroll": _need("payroll", _("Payroll and HR"), "hr"),
    "finance": _need("finance", _("Finance and accounting software"), "finance"),
    "support": _need("support", _("IT support or a help desk"), "help desk"),
    "security": _need("security", _("Cyber security"), "security"),
    "phones": _need("phones", _("Phones and phone systems"), "phone"),
    "video": _need("video", _("Video calls and meetings"), "video call"),
    "forms": _need("forms", _("Online forms for the public"), "forms"),
    "survey": _need("survey", _("Surveys and consultations"), "survey"),
    "cases": _need("cases", _("Managing cases or customer records"), "crm"),
    "data": _need("data", _("Reports and data analysis"), "data"),
    "storage": _need("storage", _("Storing and sharing files"), "cloud storage"),
    "hosting": _need("hosting", _("Servers and hosting"), "server"),
}


def _what_do_you_need(*needs: str) -> Question:
    return Question(
        name="need",
        text=_("What do you need?"),
        error=_("Select what you need"),
        hint=_("Choose the one that fits best. You can change your search afterwards."),
        answers=tuple(NEEDS[need] for need in needs),
    )


LOCAL = Question(
    name="local",
    text=_("Do you prefer suppliers based in your region?"),
    error=_("Select a region, or that suppliers can be based anywhere"),
    hint=_("Many suppliers work across the UK from one office."),
    answers=(Answer("anywhere", _("No, suppliers can be based anywhere")),),
    ask_region=True,
)

SUPPLIER_KIND = Question(
    name="kind",
    text=_("Would you like to see only small businesses or social enterprises?"),
    error=_("Select which suppliers you would like to see"),
    answers=(
        Answer("any", _("No, show me every supplier")),
        Answer(
            "sme",
            _("Only small and medium-sized businesses (SMEs), with fewer than 250 staff"),
            (("size", "sme"),),
        ),
        Answer(
            "vcse",
            _("Only social enterprises, charities, co-operatives and other VCSEs"),
            (("vcse", "on"),),
        ),
    ),
)

PLATFORMS = Question(
    name="platform",
    text=_("Must it work with a government platform you already use?"),
    error=_("Select a platform, or that it need not work with one"),
    answers=(
        Answer("none", _("No, or I do not know")),
        Answer("pay", _("GOV.UK Pay, to take payments"), (("integration", "govuk-pay"),)),
        Answer("notify", _("GOV.UK Notify, to send messages"), (("integration", "govuk-notify"),)),
        Answer("psn", _("The Public Services Network (PSN)"), (("integration", "psn"),)),
    ),
)

NHS_NETWORK = Question(
    name="network",
    text=_("Must it connect to the Health and Social Care Network (HSCN)?"),
    error=_("Select whether it must connect to HSCN"),
    answers=(
        Answer("no", _("No, or I do not know")),
        Answer("hscn", _("Yes, it must connect to HSCN"), (("integration", "hscn"),)),
    ),
)

JOURNEYS: tuple[Journey, ...] = (
    Journey(
        slug="school",
        who=_("a school or academy"),
        summary=_("Email, websites, backup, payroll and IT support for schools and trusts."),
        questions=(
            _what_do_you_need(
                "email", "website", "backup", "payroll", "finance", "support", "security"
            ),
            LOCAL,
            SUPPLIER_KIND,
        ),
    ),
    Journey(
        slug="council",
        who=_("a council"),
        summary=_("Websites, online forms, case management and phones for local government."),
        questions=(
            _what_do_you_need(
                "website", "forms", "survey", "cases", "phones", "payroll", "security"
            ),
            LOCAL,
            SUPPLIER_KIND,
            PLATFORMS,
        ),
    ),
    Journey(
        slug="nhs",
        who=_("an NHS body"),
        summary=_("Email, video calls, security, data and IT support for trusts and practices."),
        questions=(
            _what_do_you_need("email", "video", "security", "data", "support", "backup"),
            NHS_NETWORK,
            LOCAL,
            SUPPLIER_KIND,
        ),
    ),
    Journey(
        slug="central-government",
        who=_("a central government department"),
        summary=_("Hosting, file storage, data, case management and security for departments."),
        questions=(
            _what_do_you_need("hosting", "storage", "data", "cases", "security", "forms"),
            SUPPLIER_KIND,
        ),
    ),
)


def journey_get(slug: str) -> Journey | None:
    return next((journey for journey in JOURNEYS if journey.slug == slug), None)


def journey_query(answers: Iterable[Answer]) -> QueryDict:
    """The search query string the answers lead to: keywords joined, filters kept."""
    query = QueryDict(mutable=True)
    keywords = []
    for answer in answers:
        for name, value in answer.params:
            if name == "q":
                keywords.append(value)
            else:
                query.appendlist(name, value)
    if keywords:
        query["q"] = " ".join(keywords)
    return query
