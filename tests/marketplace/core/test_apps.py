from govuk_frontend_django.components import base
from govuk_frontend_django.components.inset_text import GovUKInsetText


def test_a_govuk_component_is_compiled_once_and_renders_the_same_every_time():
    environment = base.Environment()  # what every component render asks for
    first = GovUKInsetText(text="Prices include VAT & delivery").render()
    compiled = environment.from_string.cache_info()

    again = GovUKInsetText(text="Prices include VAT & delivery").render()
    other = GovUKInsetText(text="Delivery is free").render()

    assert base.Environment() is environment
    assert again == first
    assert first.count('class="govuk-inset-text"') == 1
    assert "Prices include VAT &amp; delivery" in first  # still escaped
    assert "Delivery is free" in other
    # The component's wrapper was compiled before; neither render compiled it again.
    assert environment.from_string.cache_info().misses == compiled.misses
    assert environment.from_string.cache_info().hits == compiled.hits + 2
