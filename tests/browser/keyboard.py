"""Moving through pages as a keyboard user does: Tab to a control, type, press a key."""

from tests.factories import PASSWORD

MOST_TABS = 200  # more than any of our pages has focusable elements


def tab_to(page, selector: str) -> None:
    """Press Tab until the element is focused."""
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if page.locator(f"{selector}:focus").count():
            return
    raise AssertionError(f"Tab never reached {selector}")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def keyboard_type(page, *values: str) -> None:
    """Type each value into the focused field, then Tab on to the next one."""
    for value in values:
        if value:
            page.keyboard.type(value)
        page.keyboard.press("Tab")


def press_and_wait(page, key: str = "Enter") -> None:
    """Press a key that follows a link or sends a form, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def sign_in_by_keyboard(page, email: str) -> None:
    """On the sign-in page: type the e-mail and password, then Enter sends the form."""
    type_into(page, "#id_email", email)
    type_into(page, "#id_password", PASSWORD)
    press_and_wait(page, "Enter")


def sign_in(page, base_url: str, email: str) -> None:
    """Sign in with the mouse, for tests that check pages rather than journeys."""
    page.goto(base_url + "/account/sign-in/")
    page.fill("#id_email", email)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_load_state()
