import functools

from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "marketplace.core"
    label = "core"
    verbose_name = _("Site")

    def ready(self):
        # Registered here, before any URLconf is read, so that every app's urls.py
        # can use <data_format:...> without importing another app's urls.
        from .open_data import DataFormat

        register_converter(DataFormat, "data_format")
        _share_govuk_jinja_environment()
        _wagtail_csv_exports_neutralised()


def _wagtail_csv_exports_neutralised() -> None:
    """Wagtail's admin reports (site history, locked pages...) download as CSV with
    its own writer, which writes page titles and the like as typed: a title such as
    ``=HYPERLINK(...)`` would run in CCS's spreadsheet. Its rows go through the
    service's CSV cell rule and its files start with the BOM, like every other CSV."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    from .csv_files import BOM, CONTENT_TYPE, csv_cell

    stream_csv, write_csv_response = (
        SpreadsheetExportMixin.stream_csv,
        SpreadsheetExportMixin.write_csv_response,
    )

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                name: csv_cell(self.preprocess_field_value(name, value, self.FORMAT_CSV))
                for name, value in row_dict.items()
            }
        )

    def stream_csv_with_bom(self, queryset):
        yield BOM
        yield from stream_csv(self, queryset)

    def write_csv_response_in_utf8(self, queryset):
        response = write_csv_response(self, queryset)
        response["Content-Type"] = CONTENT_TYPE
        return response

    SpreadsheetExportMixin.write_csv_row = write_csv_row
    SpreadsheetExportMixin.stream_csv = stream_csv_with_bom
    SpreadsheetExportMixin.write_csv_response = write_csv_response_in_utf8


def _share_govuk_jinja_environment() -> None:
    """govuk-frontend-django 0.22 builds a new Jinja environment, and so recompiles
    the macro, for every component it renders (8-35 ms each). One shared
    environment keeps its compiled templates, which makes pages ~20 times faster."""
    from govuk_frontend_django.components import base
    from jinja2 import Environment

    shared = Environment(
        loader=base.ChoiceLoader(
            [
                base.PrefixLoader(
                    {"govuk_frontend_jinja": base.PackageLoader("govuk_frontend_jinja")}
                )
            ]
        ),
        autoescape=base.select_autoescape(),
        auto_reload=False,
    )
    # Each render also compiles its one-line "import the macro, call it" template;
    # there is one such line per component, so keep each compiled once.
    shared.from_string = functools.lru_cache(maxsize=128)(shared.from_string)
    base.Environment = lambda **kwargs: shared
