"""GET /admin-audit-log?entity=&entity_id=&actor=: who changed what, newest first."""

from shared.platform.audit import AuditPage, AuditQuery, read
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> AuditPage:
    return read(call.platform.store, call.query(AuditQuery))
