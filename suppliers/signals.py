"""Sent after commit whenever what the public sees of a supplier may have changed
(size, VCSE, head office, accreditations, apprenticeships, name), so the search
index can follow without the suppliers app knowing about it."""

from django.dispatch import Signal

supplier_profile_changed = Signal()  # sender=SupplierOrganisation, supplier_id=int
