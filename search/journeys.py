"""Guided journeys: a few plain-English questions for each kind of buyer, ending in a search.

A buyer who does not know the names of frameworks or lots answers two to four
questions ("What do you need?", "Do you prefer local suppliers?") and lands on
a pre-filtered results page. Journeys are data: each answer says which query
parameters it adds. A need is either buyer words that the synonym list in
``search/relevance.py`` widens ("email" also finds Microsoft 365 and Google
Workspace), or, where words would find the wrong things ("data" is in every
listing's description), the categories of the catalogue that hold the service.
The region question filters on where the service is delivered, as the search
page's region filter does: almost no supplier records a head office region.

A test walks every combination of answers on the demo catalogue. Answers that
find nothing do not end in an empty page: the guide offers the searches that
drop one answer and find something (``journey_next_steps``).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from marketplace.core.models import Region

Params = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Answer:
    value: str
    text: str
    params: Params = ()
    # Offered only while some service matches it: a platform no listing supports would
    # only ever lead to "no services".
    only_if_found: bool = False


@dataclass(frozen=True)
class Question:
    name: str  # the query parameter that carries the answer
    text: str
    error: str  # shown when no answer is chosen
    hint: str = ""
    answers: tuple[Answer, ...] = ()
    ask_region: bool = False  # add one answer per ITL1 region, read from the database
    # The next step offered when the answers find nothing: drop this question's filter.
    relax: str = ""

    def choices(self) -> list[Answer]:
        if not self.ask_region:
            return [a for a in self.answers if not a.only_if_found or _found_alone(a)]
        regions = Region.objects.order_by("code").values_list("code", "name")
        return [
            *self.answers,
            *(Answer(code, str(name), (("region", code),)) for code, name in regions),
        ]

    def answer(self, value: str) -> Answer | None:
        return next((a for a in self.choices() if a.value == value), None)

    def open_answer(self) -> Answer | None:
        """The answer that adds no filter ("Anywhere in the UK"), if there is one."""
        return next((a for a in self.answers if not a.params), None)


@dataclass(frozen=True)
class Journey:
    slug: str
    who: str  # "a school or academy", to follow "Find services for"
    summary: str  # one line on the guides index
    questions: tuple[Question, ...]


def _need(value: str, text: str, keywords: str) -> Answer:
    return Answer(value, text, (("q", keywords),))


def _need_in(value: str, text: str, *categories: str) -> Answer:
    """A need answered by categories (a parent category includes its children)."""
    return Answer(value, text, tuple(("category", slug) for slug in categories))


NEEDS = {
    "email": _need("email", _("Email and office software"), "email"),
    "website": _need("website", _("A website"), "website"),
    "backup": _need("backup", _("Backing up files and systems"), "backup"),
    # The payroll category of HR (the other "payroll" slug, under accounting, is empty),
    # and the rest of HR beside it.
    "payroll": _need_in(
        "payroll",
        _("Payroll and HR"),
        "human-resources-and-employee-management-payroll",
        "human-resources-and-employee-management",
    ),
    "finance": _need("finance", _("Finance and accounting software"), "finance"),
    # "help desk" matches "help" in hundreds of descriptions; these are the support services.
    "support": _need_in(
        "support",
        _("IT support or a help desk"),
        "ongoing-support",
        "customer-helpdesk-service-desk",
    ),
    "security": _need("security", _("Cyber security"), "security"),
    "phones": _need_in(
        "phones",
        _("Phones and phone systems"),
        "telephony-including-voip-and-sip-connectivity",
        "unified-communications",
        "call-centre",
    ),
    # Words would find "teams" (a synonym of video calls) in every "Delivery Team".
    "video": _need_in(
        "video",
        _("Video calls and meetings"),
        "video-conferencing",
        "online-meetings",
        "information-and-communications-technology-ict-online-meetings",
    ),
    "forms": _need("forms", _("Online forms for the public"), "forms"),
    "survey": _need("survey", _("Surveys and consultations"), "survey"),
    "cases": _need("cases", _("Managing cases or customer records"), "crm"),
    # Every demo description says "spend data", so the word finds the whole catalogue.
    "data": _need_in("data", _("Reports and data analysis"), "analytics-and-business-intelligence"),
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


REGION = Question(
    name="region",
    text=_("Which region do you need the service in?"),
    error=_("Select a region, or anywhere in the UK"),
    hint=_("Services delivered across the whole UK count in every region."),
    answers=(Answer("anywhere", _("Anywhere in the UK")),),
    ask_region=True,
    relax=_("Show services in any region"),
)

SUPPLIER_KIND = Question(
    name="kind",
    text=_("Would you like to see only small businesses or social enterprises?"),
    error=_("Select which suppliers you would like to see"),
    relax=_("Show services from every kind of supplier"),
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
    relax=_("Show services that need not work with a government platform"),
    answers=(
        Answer("none", _("No, or I do not know")),
        Answer(
            "pay",
            _("GOV.UK Pay, to take payments"),
            (("integration", "govuk-pay"),),
            only_if_found=True,
        ),
        Answer(
            "notify",
            _("GOV.UK Notify, to send messages"),
            (("integration", "govuk-notify"),),
            only_if_found=True,
        ),
        Answer(
            "psn",
            _("The Public Services Network (PSN)"),
            (("integration", "psn"),),
            only_if_found=True,
        ),
    ),
)

NHS_NETWORK = Question(
    name="network",
    text=_("Must it connect to the Health and Social Care Network (HSCN)?"),
    error=_("Select whether it must connect to HSCN"),
    relax=_("Show services that need not connect to HSCN"),
    answers=(
        Answer("no", _("No, or I do not know")),
        Answer(
            "hscn",
            _("Yes, it must connect to HSCN"),
            (("integration", "hscn"),),
            only_if_found=True,
        ),
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
            REGION,
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
            REGION,
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
            REGION,
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


def journey_questions(journey: Journey) -> list[tuple[Question, list[Answer]]]:
    """The questions worth asking, each with its answers: a question left with only its
    "no" answer (no service supports any of the others) is not asked."""
    asked = []
    for question in journey.questions:
        choices = question.choices()
        if len(choices) > 1:
            asked.append((question, choices))
    return asked


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


@dataclass(frozen=True)
class NextStep:
    text: str
    query: QueryDict
    total: int


def journey_total(query: QueryDict) -> int:
    """How many services the search for ``query`` finds, on the executor in use."""
    from .executor import search_run
    from .filters import ListingSearchFilterSet

    request = ListingSearchFilterSet(query.copy()).search_request()
    return search_run(replace(request, page=1, page_size=1)).total


def _found_alone(answer: Answer) -> bool:
    return journey_total(journey_query([answer])) > 0


def journey_next_steps(
    questions: list[Question],
    answers: list[Answer],
    *,
    total: Callable[[QueryDict], int] = journey_total,
) -> list[NextStep]:
    """For answers that find nothing: each search that drops one answer's filter and
    finds something; failing all of those, the need on its own."""
    steps = []
    for index, question in enumerate(questions):
        opened = question.open_answer()
        if not question.relax or opened is None or answers[index] == opened:
            continue
        query = journey_query([*answers[:index], opened, *answers[index + 1 :]])
        found = total(query)
        if found:
            steps.append(NextStep(str(question.relax), query, found))
    if not steps:
        only_need = [
            question.open_answer() or answer
            for question, answer in zip(questions, answers, strict=True)
        ]
        query = journey_query(only_need)
        found = total(query)
        if found:
            steps.append(NextStep(str(_("Show every service for what you need")), query, found))
    return steps
