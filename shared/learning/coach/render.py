"""The coach report as plain text: the owner's email or text message and the admin view's
`text`. Amounts are integer cents shown as dollars; nothing here computes a number."""

from __future__ import annotations

from shared.learning.coach.metrics import Count
from shared.learning.coach.report import CoachReport
from shared.pricing.engine import usd

SMS_FAILURES = 3  # failing scenarios an SMS names; the email lists them all


def _seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}s" if value < 120 else f"{value / 60:.1f}min"


def _pairs(items: list[Count]) -> str:
    return ", ".join(f"{c.name} {c.count}" for c in items) or "none"


def text(report: CoachReport) -> str:
    m, s = report.metrics, report.scenarios
    t = m.totals
    lines = [
        f"AI coach report for {report.date.isoformat()} ({report.timezone})",
        "",
        f"Conversations {t.conversations}, holds {t.holds}, deposits {t.deposits} "
        f"({usd(t.deposit_cents)}), revenue {usd(t.revenue_cents)}",
    ]
    lines += [
        f"  {c.channel:<10} conversations {c.conversations:>3}  holds {c.holds:>3}  "
        f"deposits {c.deposits:>3} {usd(c.deposit_cents):>11}  revenue {usd(c.revenue_cents)}"
        for c in m.channels
    ]
    rt, ai, r = m.response_times, m.ai, m.ratings
    lines += [
        f"Escalations {m.escalations.total}: "
        + (", ".join(f"{k} {v}" for k, v in sorted(m.escalations.by_reason.items())) or "none"),
        f"Objections: {_pairs(m.objections.top)}",
        f"Lost after a quote ({m.objections.quoted_not_booked} of {m.objections.quoted_threads}"
        f" quoted): {_pairs(m.objections.lost)}",
        f"Response time: median {_seconds(rt.median_seconds)}, p90 {_seconds(rt.p90_seconds)},"
        f" max {_seconds(rt.max_seconds)}; {rt.unanswered} unanswered",
        f"AI turns {ai.turns}, LLM-free {ai.llm_free_share * 100:.0f}%, cost ${ai.cost_usd:.4f}",
        f"Ratings: {r.helpful} helpful, {r.unhelpful} not"
        + (f" ({r.helpful_share * 100:.0f}% helpful)" if r.helpful_share is not None else ""),
        "Gates: "
        + (
            "; ".join(
                f"{g.group}/{g.intent} {g.status} {g.samples} samples, bound "
                f"{g.bound * 100:.1f}% of {g.needs * 100:.0f}%"
                for g in report.gates
            )
            or "no samples yet"
        ),
        f"Self-healing proposals: {len(report.healing)}",
        *(f"  {h.id}: {h.summary or '-'} ({h.status or '-'})" for h in report.healing),
        "",
        f"Scenarios: {s.passed}/{s.total} passed ({s.pass_rate * 100:.0f}%), "
        f"AI cost ${sum(x.cost_usd for x in s.results):.4f}",
    ]
    if s.regressions:
        since = f" since {s.compared_with}" if s.compared_with else ""
        lines.append(f"Regressed{since}: " + "; ".join(s.regressions))
    lines += [f"  FAIL {x.id}: {', '.join(x.failures)}" for x in s.results if not x.passed]
    return "\n".join(lines)


def short(report: CoachReport) -> str:
    """The SMS: the headline numbers and what regressed."""
    t, s, ai = report.metrics.totals, report.scenarios, report.metrics.ai
    failing = [x.id for x in s.results if not x.passed]
    named = ", ".join(failing[:SMS_FAILURES]) + ("..." if len(failing) > SMS_FAILURES else "")
    return (
        f"MyHibachi {report.date.isoformat()}: {t.conversations} chats, {t.holds} holds, "
        f"{t.deposits} deposits {usd(t.deposit_cents)}, "
        f"{report.metrics.escalations.total} escalations, AI ${ai.cost_usd:.2f}. "
        f"Scenarios {s.passed}/{s.total}" + (f"; failing: {named}" if failing else "") + "."
    )
