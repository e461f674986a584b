"""The dialogue stack: apply one message's commands to the state, then run the active flow
until it asks something or finishes (a finished flow resumes the one it interrupted).

A side question is answered and the active flow's pending question asked again; a yes or
no is read against what the last reply asked; a correction re-runs the step it affects.
"""

from __future__ import annotations

from shared.ai import commands as c
from shared.ai.flows import service_info, slots
from shared.ai.flows.context import FlowContext
from shared.ai.flows.registry import FLOWS, collect

QUOTE_SLOTS = {
    "adults",
    "children",
    "toddlers",
    "children_ages",
    "event_date",
    "zipcode",
    "proteins",
    "third_protein_portions",
    "addons",
}
_MENU_SUBJECT = ("proteins", "addons", "third_protein_portions")
MAX_STEPS = 4


class _Read:
    """What the message's commands ask for, gathered before anything runs."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.questions: list[str] = []
        self.handoff: str | None = None
        self.smalltalk: str | None = None
        self.clarify: list[c.Clarify] = []
        self.cancel_flow = False


def _gather(ctx: FlowContext, commands: list[c.Command]) -> _Read:
    read = _Read()
    menu_question = any(isinstance(x, c.StartFlow) and x.flow == "menu_price" for x in commands)
    for command in commands:
        if isinstance(command, c.SetSlot | c.CorrectSlot | c.ClearSlot):
            if (
                menu_question
                and command.slot in _MENU_SUBJECT
                and not isinstance(command, c.ClearSlot)
            ):
                _menu_subject(ctx, command)  # what the price question is about, not an order
                continue
            changed = slots.apply(
                ctx.state, command, ctx.book, source=ctx.source, message_id=ctx.message_id
            )
            if changed:
                ctx.changed.add(changed)
        elif isinstance(command, c.StartFlow):
            read.started.append(command.flow)
        elif isinstance(command, c.CancelFlow):
            read.cancel_flow = True
        elif isinstance(command, c.Confirm):
            ctx.confirmed = True
        elif isinstance(command, c.Deny):
            ctx.denied = True
        elif isinstance(command, c.Knowledge):
            read.questions.append(command.query)
        elif isinstance(command, c.Handoff):
            read.handoff = command.reason
        elif isinstance(command, c.SmallTalk):
            read.smalltalk = command.kind
        elif isinstance(command, c.Clarify):
            read.clarify.append(command)
        elif isinstance(command, c.SetLanguage):
            ctx.state.language = command.language
    if ctx.confirmed and ctx.denied:
        ctx.confirmed = ctx.denied = False  # both is neither
    return read


def _menu_subject(ctx: FlowContext, command: c.SetSlot | c.CorrectSlot) -> None:
    subject = ctx.state.pending.setdefault("menu_price", {})
    if command.slot == "proteins":
        value = slots.normalise("proteins", command.value, ctx.book) or {}
        subject["proteins"] = sorted(value)
    elif command.slot == "third_protein_portions":
        subject["third"] = True


def _follow_up(ctx: FlowContext, read: _Read, previous: str | None) -> None:
    """What a bare answer means given the last question."""
    state = ctx.state
    if read.started:
        return
    if ctx.confirmed and previous == "offer_availability":
        read.started.append("book" if state.has("start_time") else "availability")
    elif previous == "pick_time" and "start_time" in ctx.changed:
        if state.flow in (None, "availability"):
            read.started.append("book")
    elif ctx.confirmed and previous == "pick_time" and len(state.offered_times) == 1:
        state.put(
            "start_time", state.offered_times[0], source=ctx.source, message_id=ctx.message_id
        )
        ctx.changed.add("start_time")
        read.started.append("book")
    elif not state.stack and ctx.changed & QUOTE_SLOTS:
        read.started.append("quote")  # "actually make that 15" after a quote: quote again


def _reschedule_target(ctx: FlowContext, read: _Read) -> None:
    state = ctx.state
    if state.flow != "reschedule" and "reschedule" not in read.started:
        return
    target = state.pending.setdefault("reschedule", {})
    for slot in ("event_date", "start_time"):
        if slot in ctx.changed:
            target[slot] = state.get(slot)


def _advance(ctx: FlowContext) -> None:
    state = ctx.state
    for _ in range(MAX_STEPS):
        flow = state.flow
        if flow is None or ctx.escalation:
            return
        spec = FLOWS[flow]
        if not collect(ctx, spec.needs):
            return
        active = state.flow
        ctx.ran.append(flow)
        done = spec.finish(ctx)
        if ctx.escalation:
            state.stack.clear()
            return
        if done and state.flow == active:
            state.pop()
        if ctx.asked_now:
            return
        if not done and state.flow == active:
            return


def run(ctx: FlowContext, commands: list[c.Command]) -> None:
    """Apply `commands` and produce this turn's reply parts in `ctx`."""
    state = ctx.state
    previous = state.asked
    read = _gather(ctx, commands)
    if read.cancel_flow:
        state.stack.clear()
        state.pending.clear()
    if read.handoff is not None:
        state.pending["handoff_reason"] = read.handoff
        read.started = ["handoff"]
    _follow_up(ctx, read, previous)
    for flow in read.started:
        if flow in FLOWS:
            state.push(flow)
    _reschedule_target(ctx, read)
    if "handoff" in read.started:
        _advance(ctx)
        return
    if read.clarify:
        service_info.clarify(ctx, read.clarify[0])
        return
    unanswered = [q for q in read.questions if not service_info.answer_knowledge(ctx, q)]
    ctx.unanswered = unanswered  # in the trace: analytics counts knowledge failures
    if read.smalltalk and not read.started and not ctx.changed:
        service_info.smalltalk(ctx, read.smalltalk)
    if unanswered and not state.stack and not ctx.parts:
        service_info.hand_off(ctx, "no knowledge-base answer")
        return
    if unanswered:
        ctx.say("knowledge.unknown")
    _advance(ctx)
    if not ctx.asked_now and not ctx.parts:
        # Nothing this message could be read as: say so, keeping the last question open.
        ctx.ask(previous or "clarify", "clarify")
        ctx.unclear = True
    if not ctx.asked_now:
        state.asked = None
