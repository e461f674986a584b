"""GET /admin-healing: self-healing proposals (?status, or ?id with its replay); POST
{action: approve | reject | rollback, id}: decide one (audited)."""

from shared.learning.healing.admin import (
    HealingProposals,
    ProposalDecision,
    ProposalQuery,
    decide,
    read,
)
from shared.learning.healing.records import Proposal
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> Proposal | HealingProposals:
    if call.method == "GET":
        return read(call.platform, call.query(ProposalQuery))
    return decide(call.platform, call.body(ProposalDecision), call.actor)
