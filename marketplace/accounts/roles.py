"""The roles people hold, and the groups that carry the CCS ones.

Buyers and supplier users are identified by their organisation; CCS staff by
membership of a Wagtail group, so CCS admins can grant and revoke the role in
the admin without a deploy.
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    BUYER = "buyer"
    SUPPLIER = "supplier"
    CCS_REVIEWER = "ccs_reviewer"
    CCS_ADMIN = "ccs_admin"


CCS_REVIEWERS_GROUP = "CCS reviewers"
CCS_ADMINS_GROUP = "CCS admins"

ROLE_LABELS = {
    Role.ANONYMOUS: _("Not signed in"),
    Role.BUYER: _("Buyer"),
    Role.SUPPLIER: _("Supplier"),
    Role.CCS_REVIEWER: _("CCS reviewer and moderator"),
    Role.CCS_ADMIN: _("CCS administrator"),
}
