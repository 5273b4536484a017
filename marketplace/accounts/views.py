"""Sign in, sign out, password reset, buyer registration and the account page."""

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from .access import public, signed_in
from .forms import BuyerRegistrationForm, ChooseNewPasswordForm, ResetPasswordForm, SignInForm
from .roles import ROLE_LABELS
from .services import ConfirmationInvalid, buyer_register, user_email_confirm
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
        user = buyer_register(**form.cleaned_data)
        return render(request, "accounts/check_your_email.html", {"email": user.email})
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/register_buyer.html", {"form": form}, status=status)


@public
def confirm_email(request, token: str):
    try:
        user = user_email_confirm(token=token)
    except ConfirmationInvalid as error:
        return render(
            request, "accounts/confirm_email_failed.html", {"reason": str(error)}, status=400
        )
    return render(request, "accounts/email_confirmed.html", {"confirmed_user": user})


@signed_in
def your_account(request):
    user = request.user
    return render(
        request,
        "accounts/your_account.html",
        {
            "role_label": ROLE_LABELS[user.role],
            "organisation": user.buyer_organisation or user.supplier_organisation,
        },
    )


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
