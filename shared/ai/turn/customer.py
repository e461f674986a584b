"""Who is writing: every handle the message carries, resolved to one customer."""

from __future__ import annotations

from shared.ai.turn.models import ContactDetails, Inbound
from shared.customers import identity
from shared.platform.services import Platform


def resolve(platform: Platform, inbound: Inbound) -> str | None:
    handles: list[tuple[identity.HandleKind, str]] = []
    contact = inbound.contact or ContactDetails()
    if inbound.handle_kind and inbound.handle:
        handles.append((inbound.handle_kind, inbound.handle))
        if inbound.handle_kind == "whatsapp":  # a WhatsApp id is the sender's phone number
            handles.append(("phone", identity.normalise_phone("+" + inbound.handle.lstrip("+"))))
    if contact.phone:
        handles.append(("phone", identity.normalise_phone(contact.phone, "contact.phone")))
    if contact.email:
        handles.append(("email", identity.normalise_email(contact.email, "contact.email")))
    if not handles:
        return None
    return identity.resolve(platform.store, handles, now=platform.clock.now(), name=contact.name)
