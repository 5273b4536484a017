"""The one relevance specification both executors follow.

Fields and boosts: a word in the service name counts most, then its categories,
summary, features and, least, the description. Words are stemmed as English.
Buyer vocabulary (``BUYER_VOCABULARY``, plus the entries CCS keep in the admin)
widens a buyer's phrase into catalogue words at query time; buyer filler words
("need", "help", "supplier") do not have to match (search/query_understanding.py).

Repetition gains nothing: a word counts once per field however often a supplier
repeats it (term-frequency capping); a word found in several fields scores its
best field plus ``TIE_BREAKER`` times the others, not their sum; and a listing
whose name, summary and features are mostly repetition is multiplied by its
``diversity_prior`` (computed once, when the listing is indexed). So keyword
stuffing does not pay.
"""

from collections.abc import Iterable

from marketplace.core.text import STOPWORDS, words

FIELD_BOOSTS: dict[str, float] = {
    "name": 8.0,
    "categories": 5.0,
    "summary": 3.0,
    "features": 2.0,
    "description": 1.0,
}

# A word matched in several fields: the best field, plus this share of the others.
# Small, so saying the same words in every field is worth little more than saying
# them once where they belong, yet an honest listing that also describes the
# service still edges ahead of one that only names it.
TIE_BREAKER = 0.1

# A vocabulary match counts for less than the buyer's own words, in both executors.
SYNONYM_WEIGHT = 0.3

# Words buyers add around what they want. They need not be found in a listing
# (on top of the stop words both databases already ignore, marketplace.core.text).
FILLER_WORDS = frozenset(
    """help helps helping need needs needed want wants wanted looking look find finding
    get getting buy buying check checking service services supplier suppliers provider
    providers company companies organisation someone somebody something somewhere
    people person please thing things solution solutions way ways us""".split()  # noqa: SIM905
)

# Spellings of one word that split differently ("e-mail" is two words to every
# tokenizer, while the catalogue says "email"): rewritten before the words are read.
SPELLINGS: dict[str, str] = {
    "e-mail": "email",
    "e-mails": "emails",
    "wi-fi": "wifi",
    "log-in": "login",
    "on-line": "online",
    "tele-phone": "telephone",
}

# A stop word that means something in buyer vocabulary: "IT questions".
VOCABULARY_WORDS = frozenset({"it"})

# Buyer phrase → (catalogue words, category slugs). Applied at query time only, in
# one direction: a buyer searching "email" finds Microsoft 365 listings, but a
# listing cannot gain matches by naming products it is not. A phrase applies when
# all its words are among the buyer's (in any order, inflections alike), so "text
# parents" serves "send text messages to parents". CCS add and edit entries in the
# admin (search.models.BuyerPhrase); an admin entry for the same phrase replaces
# the shipped one.
BUYER_VOCABULARY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "email": (
        ("messaging", "microsoft 365", "office 365", "google workspace", "exchange"),
        ("email-and-secure-email",),
    ),
    "mail": (("email", "messaging"), ("email-and-secure-email",)),
    "website": (
        ("web hosting", "content management", "wordpress", "drupal"),
        ("content-management-system-cms", "website-builder"),
    ),
    "backup": (
        ("disaster recovery", "archiving"),
        ("backup-recovery-and-archival", "archiving-backup-and-disaster-recovery"),
    ),
    "phone": (("telephony", "voip", "voice"), ("call-centre",)),
    "video call": (("video conferencing", "teams", "zoom"), ("online-meetings",)),
    "online meetings": (("video conferencing", "collaboration"), ("online-meetings",)),
    "hr": (("human resources", "payroll"), ("human-resources-and-employee-management",)),
    "finance": (("accounting", "erp", "payroll"), ("accounting-and-finance",)),
    "server": (("compute", "virtual machine", "hosting"), ("compute-and-application-hosting",)),
    "cloud storage": (("file sharing", "object storage"), ("content-storage-and-sharing",)),
    "keep our files": (
        ("file storage", "file sharing", "storage", "backup"),
        ("content-storage-and-sharing", "backup-recovery-and-archival"),
    ),
    "store files": (("file storage", "file sharing", "storage"), ("content-storage-and-sharing",)),
    "security": (
        ("cyber security", "firewall", "penetration testing"),
        ("security-services", "firewall"),
    ),
    "keep hackers out": (
        ("firewall", "cyber security", "intrusion detection"),
        ("firewall", "security-services"),
    ),
    "hackers": (("cyber security", "firewall", "penetration testing"), ("security-services",)),
    "crm": (
        ("customer relationship management", "case management"),
        ("customer-relationship-management-crm",),
    ),
    "forms": (("online forms", "e-forms", "form builder"), ("forms-and-surveys",)),
    "survey": (("questionnaire", "consultation"), ("forms-and-surveys",)),
    # Not "IT support": "it" is a stop word to every executor, so that is "support".
    "help desk": (
        ("service desk", "helpdesk", "ticketing", "technical support"),
        ("customer-helpdesk-service-desk",),
    ),
    "it questions": (
        ("service desk", "helpdesk", "help desk", "technical support"),
        ("customer-helpdesk-service-desk",),
    ),
    "text parents": (("sms", "messaging", "text messaging"), ("sms",)),
    "text messages": (("sms", "text messaging"), ("sms",)),
    "staff training": (
        ("training", "e-learning", "learning management"),
        ("cloud-support-training",),
    ),
    "training online": (
        ("e-learning", "training", "learning management"),
        ("cloud-support-training",),
    ),
    "data": (
        ("analytics", "business intelligence", "reporting"),
        ("analytics-and-business-intelligence",),
    ),
    "school": (("education", "academy", "learning"), ("schools-education-and-libraries",)),
    "council": (("local government", "local authority"), ()),
    "nhs": (("health", "healthcare", "clinical"), ("healthcare",)),
}

# The plain synonym view of the vocabulary (buyer phrase → catalogue words).
SYNONYMS: dict[str, tuple[str, ...]] = {
    phrase: catalogue for phrase, (catalogue, _categories) in BUYER_VOCABULARY.items()
}

# Lexical diversity: how much of a listing's short text is not repetition.
DIVERSITY_FIELDS = ("name", "summary", "features")
# Distinct words per word at or above which text counts as ordinary writing (an
# honest summary repeats a word or two); below it the prior falls in proportion.
DIVERSITY_NORMAL = 0.7
DIVERSITY_FLOOR = 0.1  # stuffing is demoted, never hidden


def _diversity(text: str) -> float | None:
    found = [word for word in words(text) if word not in STOPWORDS]
    if len(found) < 3:  # too short to repeat itself ("Cloud backup")
        return None
    return len(set(found)) / len(found)


def diversity_prior(fields: dict[str, str | Iterable[str]]) -> float:
    """The score multiplier of a listing's text: 1 for ordinary writing, less for repetition.

    Each short field is judged on its own (a summary of one word said ten times is
    repetition however varied the description); the listing gets the mean.
    Computed when the listing is indexed, and stored, so both executors multiply
    by the same number.
    """
    ratios = []
    for field in DIVERSITY_FIELDS:
        value = fields.get(field, "")
        text = value if isinstance(value, str) else " ".join(value)
        ratio = _diversity(text)
        if ratio is not None:
            ratios.append(ratio)
    if not ratios:
        return 1.0
    mean = sum(ratios) / len(ratios)
    return round(max(DIVERSITY_FLOOR, min(1.0, mean / DIVERSITY_NORMAL)), 4)
