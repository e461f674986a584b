"""GET /admin-payments: open proposals; POST: propose matches for a pasted Zelle/Venmo
email, then confirm (or dismiss) one."""

from shared.payments.alternative.proposals import (
    ConfirmAction,
    DismissAction,
    PaymentActionRequest,
    PaymentProposal,
    ProposalList,
    apply,
    dismiss,
    open_proposals,
    propose,
)
from shared.platform.http import HttpCall, Reply


def handle(call: HttpCall) -> ProposalList | PaymentProposal | Reply:
    if call.method == "GET":
        return open_proposals(call.platform)
    action = call.body(PaymentActionRequest).root
    if isinstance(action, ConfirmAction):
        return apply(call.platform, action, call.actor)
    if isinstance(action, DismissAction):
        return dismiss(call.platform, action, call.actor)
    return Reply(propose(call.platform, action.text, call.actor), status=201)
