"""Shared pieces for CCS screens in the Wagtail admin: permission policies that
refuse deleting, snippet listings without a bulk delete, and screens where staff
act only through services.

Nothing a user wrote, and nothing other records point at, is hard-deleted: such
models get ``NoDeletePermissionPolicy`` and ``NoDeleteSnippetViewSet``, which take
the delete view, buttons, bulk action and permission out of the admin.

Wagtail's generic views ask a model's permission policy before offering or
serving add, edit, delete and inspect. Listings and supplier organisations are
written by suppliers; CCS only looks at them and acts through audited services.
So their policies allow a short list of actions, each backed by one Django model
permission, and refuse every other action to everyone, superusers included,
which removes the add, edit and delete views, buttons and bulk actions.
"""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet


class ActionsOnlyPermissionPolicy(ModelPermissionPolicy):
    """Allow only the admin actions in ``actions``, each checked against the
    model permission named by its value (``{"view": "review"}`` means "view
    needs the review_<model> permission")."""

    def __init__(self, model, *, actions: dict[str, str]):
        super().__init__(model)
        self.actions = actions

    def user_has_permission(self, user, action):
        permission = self.actions.get(action)
        return permission is not None and super().user_has_permission(user, permission)

    def users_with_any_permission(self, actions):
        permissions = {self.actions[action] for action in actions if action in self.actions}
        if not permissions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(permissions)


class AdminObjectView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """An admin page about one object (``self.object``, by ``pk`` in the URL),
    open to users whose model permission policy allows ``permission_required``."""

    def get_queryset(self):
        return self.model._default_manager.all()

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])


class NoDeletePermissionPolicy(ModelPermissionPolicy):
    """Model permissions as usual, except that nobody may delete."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action != "delete"]
        if not actions:
            return super().users_with_any_permission(["add"]).none()
        return super().users_with_any_permission(actions)


class NoBulkDeleteIndexView(IndexView):
    @cached_property
    def columns(self):
        # Delete is the only bulk action for snippets; without the selection
        # checkboxes the listing offers no bulk delete that would only be refused.
        columns = super().columns
        return [column for column in columns if not isinstance(column, BulkActionsCheckboxColumn)]


class NoDeleteSnippetViewSet(SnippetViewSet):
    index_view_class = NoBulkDeleteIndexView
    # The generic listing page: the snippet one only adds the bulk-actions footer.
    index_template_name = "wagtailadmin/generic/index.html"
    inspect_view_enabled = True

    def get_permissions_to_register(self):
        # Keep the unusable "delete" permission out of the group editing screen.
        return super().get_permissions_to_register().exclude(codename__startswith="delete_")
