"""Sign in, where signing in lands each kind of user, sign out, password reset,
buyer registration, the account page and requests to join a buyer organisation."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.formats import date_format
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_POST

from .access import public, signed_in, verified_buyer_required
from .forms import (
    BuyerRegistrationForm,
    ChooseNewPasswordForm,
    JoinDecisionForm,
    ResetPasswordForm,
    SignInForm,
)
from .models import JoinRequestStatus
from .roles import ROLE_LABELS
from .selectors import (
    buyer_organisation_members,
    join_request_latest_for,
    join_requests_decided_for_organisation,
    join_requests_for_organisation,
)
from .services import (
    ConfirmationInvalid,
    JoinDecisionRefused,
    JoinRefused,
    buyer_register,
    join_request_approve,
    join_request_refuse,
    user_confirmation_resend,
    user_email_confirm,
)
from .throttle import sign_in_account_key


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        # The answers are kept (the form is bound) and the status says what went wrong.
        return self.render_to_response(self.get_context_data(form=form), status=400)


sign_in = public(SignInView.as_view())

sign_out = public(auth_views.LogoutView.as_view(template_name="accounts/signed_out.html"))

password_reset = public(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        form_class=ResetPasswordForm,
        email_template_name="accounts/emails/password_reset.txt",
        subject_template_name="accounts/emails/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password-reset-sent"),
    )
)
password_reset_sent = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html")
)
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        form_class=ChooseNewPasswordForm,
        success_url=reverse_lazy("accounts:password-reset-complete"),
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)


@public
@require_http_methods(["GET", "POST"])
def register_buyer(request):
    if request.user.is_authenticated:
        return redirect("accounts:your-account")
    form = BuyerRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = buyer_register(**form.cleaned_data)
        except JoinRefused as refusal:
            # Someone registered the organisation a moment ago, with another domain.
            form.add_error(None, refusal)
        else:
            return render(
                request,
                "accounts/check_your_email.html",
                {"email": user.email, "join_request": join_request_latest_for(user=user)},
            )
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/register_buyer.html", {"form": form}, status=status)


@public
@require_http_methods(["GET", "POST"])
def confirm_email(request, token: str):
    if request.method == "POST":
        # "Send a new link", offered on the page for an expired link.
        user = user_confirmation_resend(token=token)
        if user is None:
            return render(
                request, "accounts/confirm_email_failed.html", {"reason": "invalid"}, status=400
            )
        return render(request, "accounts/check_your_email.html", {"email": user.email})
    try:
        user = user_email_confirm(token=token)
    except ConfirmationInvalid as error:
        return render(
            request, "accounts/confirm_email_failed.html", {"reason": str(error)}, status=400
        )
    return render(
        request,
        "accounts/email_confirmed.html",
        {"confirmed_user": user, "join_request": join_request_latest_for(user=user)},
    )


@signed_in
def your_account(request):
    user = request.user
    organisation = user.buyer_organisation or user.supplier_organisation
    join_request = None if organisation else join_request_latest_for(user=user)
    context = {
        "role_label": ROLE_LABELS[user.role] if organisation or user.is_ccs_staff else None,
        "organisation": organisation,
        "join_request": join_request,
        "waiting_count": join_requests_for_organisation(user=user).count(),
    }
    if join_request is not None and join_request.status == JoinRequestStatus.PENDING:
        context["deciders_are_members"] = buyer_organisation_members(
            organisation=join_request.organisation
        ).exists()
    return render(request, "accounts/your_account.html", context)


@verified_buyer_required
def join_requests(request):
    """The requests to join the member's organisation, and its recent decisions."""
    waiting = [
        {
            "pk": item.pk,
            "name": item.user.get_full_name(),
            "summary": [
                ("E-mail address", item.user.email),
                ("Asked on", date_format(item.created_at, "j F Y")),
            ],
            # Each button names the person, for screen reader users moving by button.
            "approve_html": format_html(
                'Approve<span class="govuk-visually-hidden"> {}</span>', item.user.get_full_name()
            ),
            "refuse_html": format_html(
                'Refuse<span class="govuk-visually-hidden"> {}</span>', item.user.get_full_name()
            ),
        }
        for item in join_requests_for_organisation(user=request.user)
    ]
    decided_rows = [
        [
            item.user.get_full_name(),
            item.get_status_display(),
            item.decided_by.get_full_name()
            if item.decided_by
            else "Automatic: they registered the organisation",
            date_format(item.decided_at, "j M Y"),
        ]
        for item in join_requests_decided_for_organisation(user=request.user)
    ]
    return render(
        request,
        "accounts/join_requests.html",
        {
            "organisation": request.user.buyer_organisation,
            "waiting": waiting,
            "decided_head": ["Person", "Decision", "Decided by", "Date"],
            "decided_rows": decided_rows,
        },
    )


@verified_buyer_required
@require_POST
def join_request_decide(request, pk: int):
    # Scoped to the member's own organisation: anyone else's request is not found.
    join_request = get_object_or_404(join_requests_for_organisation(user=request.user), pk=pk)
    form = JoinDecisionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Choose approve or refuse.")
    name = join_request.user.get_full_name()
    organisation = join_request.organisation.name
    try:
        if form.cleaned_data["decision"] == "approve":
            join_request_approve(actor=request.user, join_request=join_request)
            messages.success(request, f"{name} now belongs to {organisation}. We have told them.")
        else:
            join_request_refuse(actor=request.user, join_request=join_request)
            messages.success(
                request, f"You refused {name}'s request to join {organisation}. We have told them."
            )
    except JoinDecisionRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("accounts:join-requests")


def locked_out(request, credentials=None, *args, **kwargs):
    """Shown by login throttling (axes) instead of either sign-in form (the site's and
    the CCS admin's): 429, plain English, and the address the person typed is kept so
    they can see which one is locked."""
    email = sign_in_account_key(request, credentials)
    form = SignInForm(request, initial={"email": email})
    return render(
        request,
        "accounts/sign_in.html",
        {
            "form": form,
            "locked_out": True,
        },
        status=429,
    )


@signed_in
def next_steps(request):
    """Where sign-in lands (LOGIN_REDIRECT_URL): each kind of user's own starting page.
    Someone with no organisation yet, such as a buyer whose request to join one is
    waiting, sees their account page, which says where they stand."""
    user = request.user
    if user.is_ccs_staff:
        return redirect("wagtailadmin_home")
    if user.is_supplier_user:
        return redirect("supplier_account:dashboard")
    if user.is_buyer:
        return redirect("/")  # the home page shows a buyer their next steps
    return redirect("accounts:your-account")
