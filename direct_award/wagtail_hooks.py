"""What direct award adds to pages it does not own."""

from wagtail import hooks

from marketplace.core.models import HOME_PAGE_CONTEXT_HOOK

from .selectors import buyer_next_steps


@hooks.register(HOME_PAGE_CONTEXT_HOOK)
def add_buyer_next_steps(request, context):
    """A signed-in buyer's next steps on the home page."""
    user = request.user
    if user.is_authenticated and user.is_buyer:
        context["next_steps"] = buyer_next_steps(user=user)
