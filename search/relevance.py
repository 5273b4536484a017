"""The one relevance specification both executors follow.

Fields and boosts: a word in the service name counts most, then its categories,
summary, features and, least, the description. Words are stemmed as English.
Buyer vocabulary is widened with plain-English synonyms. And repetition gains
nothing: a word counts once per field however often a supplier repeats it
(term-frequency capping), so keyword stuffing does not pay.
"""

FIELD_BOOSTS: dict[str, float] = {
    "name": 8.0,
    "categories": 5.0,
    "summary": 3.0,
    "features": 2.0,
    "description": 1.0,
}

# A synonym match counts for less than the buyer's own words, in both executors.
SYNONYM_WEIGHT = 0.3

# Buyer words → what suppliers call the same thing. Applied at query time only,
# in one direction: a buyer searching "email" finds Microsoft 365 listings, but
# a listing cannot gain matches by naming products it is not.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "email": ("messaging", "microsoft 365", "office 365", "google workspace", "exchange"),
    "website": ("web hosting", "content management", "cms", "wordpress", "drupal"),
    "backup": ("disaster recovery", "archiving"),
    "phone": ("telephony", "voip", "voice"),
    "video call": ("video conferencing", "teams", "zoom"),
    "hr": ("human resources", "payroll"),
    "finance": ("accounting", "erp", "payroll"),
    "server": ("compute", "virtual machine", "hosting"),
    "cloud storage": ("file sharing", "object storage"),
    "security": ("cyber security", "firewall", "penetration testing"),
    "crm": ("customer relationship management", "case management"),
    "forms": ("online forms", "e-forms", "form builder"),
    "survey": ("questionnaire", "consultation"),
    "help desk": ("service desk", "ticketing", "it support"),
    "data": ("analytics", "business intelligence", "reporting"),
    "school": ("education", "academy", "learning"),
    "council": ("local government", "local authority"),
    "nhs": ("health", "healthcare", "clinical"),
}


def synonym_expansions(keywords: str) -> list[str]:
    """The synonym phrases a query brings in, in a stable order."""
    text = f" {' '.join(keywords.lower().split())} "
    found: list[str] = []
    for term, alternatives in SYNONYMS.items():
        if f" {term} " in text:
            found.extend(alt for alt in alternatives if alt not in found)
    return found
