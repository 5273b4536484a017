"""The supplier's pipeline alert page: choose what to hear about, or stop.

It is the strategies index's alerts/ sub-page: the route (models/pages.py) lets
only supplier users in. Each works on the signed-in user's own alert, never one
named in the URL or the form."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .alert_selectors import subscription_for
from .alert_services import pipeline_alert_subscription_save, pipeline_alert_subscription_stop
from .forms import PipelineAlertForm


def _initial(subscription) -> dict:
    if subscription is None:
        return {}
    return {
        "categories": list(subscription.categories.all()),
        "cpv_divisions": subscription.cpv_divisions,
        "regions": list(subscription.regions.all()),
    }


@require_http_methods(["GET", "POST"])
def pipeline_alerts(request, *, pipeline_url: str):
    subscription = subscription_for(request.user)
    if request.method == "POST" and request.POST.get("action") == "stop":
        pipeline_alert_subscription_stop(user=request.user)
        messages.success(request, "Your pipeline alert is stopped. You will get no more e-mails.")
        return redirect(request.path)
    form = PipelineAlertForm(
        request.POST if request.method == "POST" else None, initial=_initial(subscription)
    )
    if request.method == "POST" and form.is_valid():
        pipeline_alert_subscription_save(
            user=request.user,
            categories=list(form.cleaned_data["categories"]),
            cpv_divisions=form.cleaned_data["cpv_divisions"],
            regions=list(form.cleaned_data["regions"]),
        )
        messages.success(
            request,
            f"Your pipeline alert is saved. We will e-mail {request.user.email} once a day "
            "when planned procurements that match are published or changed.",
        )
        return redirect(request.path)
    return render(
        request,
        "strategies/pipeline_alerts.html",
        {"form": form, "subscription": subscription, "pipeline_url": pipeline_url},
        status=400 if request.method == "POST" else 200,
    )
