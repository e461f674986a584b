"""Start times: what is free on a day, and a plain no with the nearest free starts when
the asked time or day is not (days off, blackout dates, fully booked, too soon).
Times are said on the 12-hour clock in the market's own zone (the tool's local times)."""

from __future__ import annotations

from datetime import date
from typing import Any

from shared.ai.flows.context import FlowContext
from shared.ai.flows.phrases import clock, day, listing, weekday_plural

MAX_LISTED = 8  # runs of free starts named in one reply
STEP_MINUTES = 30


def check(ctx: FlowContext, start_time: str | None) -> dict[str, Any]:
    """The availability tool's answer for the state's date, party and zip."""
    args: dict[str, Any] = {
        "event_date": ctx.state.get("event_date"),
        "guests": ctx.state.guests(),
        "customer_zipcode": ctx.state.get("zipcode"),
    }
    if start_time:
        args["start_time"] = start_time
    return ctx.call("check_availability", args)


def _when_option(option: dict[str, str], asked_day: str, lang: str) -> str:
    shown = clock(option["local_time"], lang)
    if option["event_date"] == asked_day:
        return shown
    joiner = " a las " if lang == "es" else " at "
    return day(option["event_date"], lang) + joiner + shown


def refuse(ctx: FlowContext, result: dict[str, Any]) -> None:
    """Say plainly why it is not possible, then offer the nearest free starts."""
    asked_day = result["event_date"]
    shown_day = day(asked_day, ctx.lang)
    reason = result.get("reason", "no_chef_free")
    requested = result.get("requested_start")
    if requested:
        ctx.state.pending["refused_time"] = requested  # for "same time" on another day
    if reason == "no_chef_free" and requested:
        ctx.say("times.taken", time=clock(requested, ctx.lang), day=shown_day)
    elif reason == "no_chef_free":
        ctx.say("times.full", day=shown_day)
    elif reason == "market_closed":
        d = date.fromisoformat(asked_day)
        if _weekly_day_off(result):
            ctx.say("times.day_off", weekday=weekday_plural(d, ctx.lang), day=shown_day)
        else:
            ctx.say("times.closed", day=shown_day)
    elif f"times.{reason}" in _REASONS:
        ctx.say(f"times.{reason}", day=shown_day)
    else:
        ctx.say("times.full", day=shown_day)
    nearest = result.get("nearest_starts") or []
    if not nearest:
        ctx.ask("event_date", "times.none")
        return
    ctx.state.offered_times = [o["local_time"] for o in nearest if o["event_date"] == asked_day]
    options = [_when_option(o, asked_day, ctx.lang) for o in nearest]
    ctx.ask("pick_time", "times.nearest", times=listing(options, ctx.lang))
    ctx.quick_replies[:] = options[:4]
    # A start on another day is an offer of that day too: remember it for "the first one".
    ctx.state.pending["offered"] = nearest


_REASONS = {"times.too_soon", "times.too_far", "times.outside_hours"}


def _weekly_day_off(result: dict[str, Any]) -> bool:
    """Closed on a weekday the chefs never work (Mondays) rather than one blackout date."""
    return bool(result.get("weekly_day_off"))


def offer(ctx: FlowContext, result: dict[str, Any]) -> None:
    times = result["start_times"]
    if not times:
        refuse(ctx, result)
        return
    ctx.state.offered_times = list(times)
    ctx.state.pending.pop("offered", None)
    ctx.ask(
        "pick_time",
        "times.free",
        day=day(result["event_date"], ctx.lang),
        times=listing(_spans(times, ctx.lang), ctx.lang),
    )
    ctx.quick_replies[:] = [clock(t, ctx.lang) for t in _spread(times)]


def _minutes(hhmm: str) -> int:
    return int(hhmm[:2]) * 60 + int(hhmm[3:])


def _spans(times: list[str], lang: str) -> list[str]:
    """Free starts as runs: '11 am to 2:30 pm (every half hour)', or single times."""
    runs: list[list[str]] = []
    for t in times:
        if runs and _minutes(t) - _minutes(runs[-1][-1]) == STEP_MINUTES:
            runs[-1].append(t)
        else:
            runs.append([t])
    if len(runs) > MAX_LISTED:
        runs = runs[:MAX_LISTED]
    every = " (cada media hora)" if lang == "es" else " (every half hour)"
    joiner = " a " if lang == "es" else " to "
    return [
        clock(r[0], lang)
        if len(r) == 1
        else clock(r[0], lang) + joiner + clock(r[-1], lang) + (every if len(r) > 2 else "")
        for r in runs
    ]


def _spread(times: list[str], count: int = 4) -> list[str]:
    """A few starts across the day for quick replies (first, last and between)."""
    if len(times) <= count:
        return list(times)
    step = (len(times) - 1) / (count - 1)
    return [times[round(i * step)] for i in range(count)]


def finish_availability(ctx: FlowContext) -> bool:
    """List the day's free starts; an asked start that is free moves on to booking it."""
    asked = ctx.state.get("start_time")
    result = check(ctx, asked)
    if "error" in result:
        from shared.ai.flows.quoting import tool_error

        tool_error(ctx, result["error"])
        return True
    if asked and result.get("requested_free"):
        ctx.say("times.ok", time=clock(asked, ctx.lang), day=day(result["event_date"], ctx.lang))
        ctx.state.pending["time_ok"] = _key(ctx)
        ctx.state.pop()
        ctx.state.push("book")
        return False  # the book flow carries on from here this same turn
    if asked:
        ctx.state.drop("start_time")
        refuse(ctx, result)
    else:
        offer(ctx, result)
    return True


def _key(ctx: FlowContext) -> str:
    s = ctx.state
    return f"{s.get('event_date')}|{s.get('start_time')}|{s.guests()}|{s.get('zipcode')}"


def start_is_free(ctx: FlowContext) -> bool:
    """Check the chosen start once per (date, time, party, zip); say no and offer others."""
    if ctx.state.pending.get("time_ok") == _key(ctx):
        return True
    result = check(ctx, ctx.state.get("start_time"))
    if "error" in result:
        from shared.ai.flows.quoting import tool_error

        tool_error(ctx, result["error"])
        return False
    if result.get("requested_free"):
        ctx.state.pending["time_ok"] = _key(ctx)
        return True
    ctx.state.drop("start_time")
    refuse(ctx, result)
    return False
