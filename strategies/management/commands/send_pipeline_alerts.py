"""Send each pipeline alert subscriber their digest of new and changed entries.

    python manage.py send_pipeline_alerts

Run it once a day from a scheduler (cron, or the task worker). Running it again
sends nothing new: every entry version sent is recorded against its subscriber.
"""

from django.core.management.base import BaseCommand

from strategies.alert_digests import pipeline_alerts_send


class Command(BaseCommand):
    help = "E-mail pipeline alert subscribers the planned procurements published or changed."

    def handle(self, *args, **options):
        report = pipeline_alerts_send(progress=lambda line: self.stdout.write(f"  {line}"))
        self.stdout.write(
            f"{report['subscriptions']} subscriptions, {report['digests']} digests sent, "
            f"{report['entries']} entries in them."
        )
