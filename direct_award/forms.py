"""The buyer's forms: where to save a search, and what happened after it ended.

The rules that decide whether an outcome can be recorded (an award names a
service from the shortlist, a value and both dates) live in the service, so
this form only reads the answers; the service's messages are put on the fields
by the view.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.core.choice_fields import CheckedModelChoiceField
from marketplace.core.date_input import DateInputField
from marketplace.core.money import PoundsField

from . import presenters
from .models import OutcomeKind, Project, ShortlistEntry

NEW_PROJECT = "new"
QUERY_MAX = 2000  # SavedSearch.query_string


class SaveSearchForm(forms.Form):
    project = forms.ChoiceField(
        label=_("Which project do you want to save this search in?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select a project, or a new project"),
            "invalid_choice": _("Select one of your projects, or a new project"),
        },
    )
    name = forms.CharField(
        label=_("Name of the new project"),
        help_text=_(
            "If you chose a new project. 100 characters or fewer, like 'Backup for schools 2027'"
        ),
        max_length=100,
        required=False,
        error_messages={"max_length": _("The project name must be 100 characters or fewer")},
    )

    def __init__(self, *args, projects, query_string: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.projects = {str(project.pk): project for project in projects}
        self.query_string = query_string
        self.fields["project"].choices = [
            *((pk, project.name) for pk, project in self.projects.items()),
            (NEW_PROJECT, _("A new project")),
        ]
        if not self.projects:
            # Nothing to choose between: the form asks for the new project's name only.
            self.fields["project"].widget = forms.HiddenInput()
            self.fields["project"].initial = NEW_PROJECT
            self.fields["name"].label = _("Name your project")
            self.fields["name"].help_text = _(
                "A project keeps the searches for one thing you want to buy. "
                "100 characters or fewer, like 'Backup for schools 2027'"
            )

    @property
    def has_projects(self) -> bool:
        return bool(self.projects)

    def clean(self):
        cleaned = super().clean()
        if len(self.query_string) > QUERY_MAX:
            raise forms.ValidationError(
                _("This search has too many filters to save. Remove some, then save it again")
            )
        if cleaned.get("project") == NEW_PROJECT and not cleaned.get("name", "").strip():
            self.add_error("name", _("Enter a name for the new project"))
        return cleaned

    def chosen_project(self) -> Project | None:
        """The existing project chosen, or None for a new one."""
        return self.projects.get(self.cleaned_data["project"])


class EntryChoiceField(CheckedModelChoiceField):
    def label_from_instance(self, obj: ShortlistEntry) -> str:
        return presenters.entry_name(obj)


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What happened?"),
        choices=OutcomeKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select what happened"),
            "invalid_choice": _("Select what happened"),
        },
    )
    awarded_entry = EntryChoiceField(
        label=_("Which service did you award the contract to?"),
        queryset=ShortlistEntry.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        required=False,
        error_messages={"invalid_choice": _("Select a service from your shortlist")},
    )
    value = PoundsField(
        label=_("Contract value (£)"),
        help_text=_("The total value of the contract, like 25000"),
        what="contract value",
        max_digits=14,
        required=False,
    )
    start_date = DateInputField(
        label=_("When does the contract start?"),
        help_text=_("For example, 1 4 2027"),
        what="the start date",
        required=False,
    )
    end_date = DateInputField(
        label=_("When does the contract end?"),
        help_text=_("For example, 31 3 2028"),
        what="the end date",
        required=False,
    )

    def __init__(self, *args, shortlist, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["awarded_entry"].queryset = shortlist
