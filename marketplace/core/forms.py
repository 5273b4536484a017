"""Forms of the site shell."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ServiceSearchForm(forms.Form):
    """The home page's search box; it submits to the search page, which checks the words."""

    q = forms.CharField(label=_("Search for services"), required=False)
