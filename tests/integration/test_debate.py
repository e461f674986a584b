"""A debate end to end through the local bus, with a panel of loopback LLMs: three OpenAI
models that disagree and an Anthropic one that is down. Round chaining, redelivery, early
stop, the cost cap, the judge's shuffled order, the stored record and staff approval into
the knowledge base."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from functions._app.runtime.app import InProcessDeliverer
from functions._app.seeding import seed_if_empty
from shared.ai.debate.records import ENTRIES, debate_id
from shared.ai.debate.synthesis import shuffled
from shared.ai.knowledge.base import search
from shared.platform.audit import COLLECTION as AUDIT
from shared.platform.services import Platform
from shared.platform.tasks.local import COLLECTION as TASKS
from shared.platform.tasks.local import LocalTaskRunner
from tests.integration.conftest import Api
from tests.support.panel_llm import PanelLLM, Voice
from tests.support.platform import bearer, local_platform

MINI, FOUR_O, FOUR_ONE, CLAUDE = "gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "claude-haiku-4-5"
PANEL = f"openai:{MINI},openai:{FOUR_O},openai:{FOUR_ONE},anthropic:{CLAUDE}"
# Multi-part and about money: complex, four rounds.
HARD = "How much extra is it to cook on our covered balcony, and do you also bring a tent?"
YES = "Yes: the chef can cook on a covered balcony with ten feet of open space above the grill."
NO = "No. Our chefs only cook on open ground outdoors; a covered balcony is never allowed."
ASK = "It depends on your building's fire rules; send us a photo and a person will decide."
VERDICT = {"answer": "A covered balcony works with ten feet of clearance.", "confidence": 0.8}


def voices(**changes: Voice) -> dict[str, Voice]:
    panel = {
        MINI: Voice(YES, revised=YES + " Please confirm with our team."),
        FOUR_O: Voice(NO, revised=NO + " Balconies are too risky.", verdict=VERDICT),
        FOUR_ONE: Voice(ASK),
    }
    return panel | changes


@pytest.fixture(scope="module")
def llm() -> Iterator[PanelLLM]:
    with PanelLLM().running() as fake:
        yield fake


@pytest.fixture
def settings() -> dict[str, Any]:
    return {}


@pytest.fixture
def platform(tmp_path, llm: PanelLLM, settings, monkeypatch) -> Iterator[Platform]:  # type: ignore[no-untyped-def]
    for name, value in {
        "OPENAI_API_KEY": "test",
        "ANTHROPIC_API_KEY": "test",
        "ANTHROPIC_BASE_URL": llm.url,
    }.items():
        monkeypatch.setenv(name, value)
    llm.reset(voices(), failing=frozenset({CLAUDE}))
    with local_platform(
        tmp_path,
        rate_limit_enabled=False,
        debate_panel=PANEL,
        openai_base_url=llm.url + "/v1",
        **({"debate_judge": f"openai:{FOUR_O}"} | settings),
    ) as p:
        seed_if_empty(p)
        yield p


def run_tasks(api: Api) -> None:
    runner = LocalTaskRunner(
        api.platform.store, api.platform.clock, InProcessDeliverer(api.client.application)
    )
    while runner.run_due():
        pass


def ask(api: Api, question: str = HARD) -> dict[str, Any]:
    status, body = api.admin("POST", "/admin-debates", {"action": "request", "question": question})
    assert status == 202, body
    run_tasks(api)
    status, debate = api.admin("GET", "/admin-debates", {"id": body["debate_id"]}, role="staff")
    assert status == 200, debate
    return debate  # type: ignore[no-any-return]


def deliveries(platform: Platform) -> Counter[str]:
    return Counter(d.data["target"] for d in platform.store.query(TASKS))


def test_a_complex_question_runs_four_rounds_and_a_shuffled_judgement(
    api: Api, llm: PanelLLM
) -> None:
    debate = ask(api)
    assert debate["complexity"]["level"] == "complex" and debate["complexity"]["rounds"] == 4
    assert {c["name"] for c in debate["complexity"]["components"]} >= {"pricing", "parts"}
    assert debate["panel"] == [f"openai:{m}" for m in (MINI, FOUR_O, FOUR_ONE)] + [
        f"anthropic:{CLAUDE}"
    ]
    assert any(c.startswith("kb: ") for c in debate["context"])
    assert any(c.startswith("fact: ") for c in debate["context"])
    # Chained: one proposal delivery, three critique rounds, one synthesis.
    chain = deliveries(api.platform)
    assert (chain["debate-propose"], chain["debate-critique"], chain["debate-synthesise"]) == (
        1,
        3,
        1,
    )
    by_round = Counter((e["round"], e["panelist"], e["error"] is None) for e in debate["entries"])
    assert by_round[(1, f"anthropic:{CLAUDE}", False)] == 1  # the failing one, recorded once
    for r in (1, 2, 3, 4):
        assert [by_round[(r, f"openai:{m}", True)] for m in (MINI, FOUR_O, FOUR_ONE)] == [1, 1, 1]
    assert llm.phases(CLAUDE) == ["propose"]  # a failed panelist sits out later rounds
    assert llm.phases(MINI) == ["propose", "critique", "critique", "critique"]
    critiques = [e for e in debate["entries"] if e["phase"] == "critique"]
    assert all(e["critique"] and e["answer"] for e in critiques)
    # The judge read the final answers in the stored, seeded order.
    synthesis = debate["synthesis"]
    assert synthesis["judge"] == f"openai:{FOUR_O}" and synthesis["confidence"] == 0.8
    assert synthesis["answer"] == VERDICT["answer"] and synthesis["problems"] == []
    assert synthesis["order"] == shuffled(debate["id"], sorted(synthesis["order"]))
    [judged] = [a for a in llm.asked if a.phase == "judge"]
    finals = {e["panelist"]: e["answer"] for e in critiques if e["round"] == 4}
    shown = [
        judged.user.index(f"Answer {label}:\n{finals[name]}")
        for label, name in zip("ABC", synthesis["order"], strict=True)
    ]
    assert shown == sorted(shown)
    # Every call is priced and summed.
    spent = sum(e["cost_usd"] for e in debate["entries"]) + synthesis["cost_usd"]
    assert debate["cost_usd"] == pytest.approx(spent) and spent > 0
    assert debate["status"] == "done" and debate["stopped"] is None


def test_a_redelivered_round_asks_no_one_twice(api: Api, llm: PanelLLM) -> None:
    debate = ask(api)
    asked, stored = len(llm.asked), len(api.platform.store.query(ENTRIES))
    for target in ("debate-propose", "debate-critique", "debate-synthesise"):
        for delivery in [
            d.data for d in api.platform.store.query(TASKS) if d.data["target"] == target
        ]:
            for _ in range(2):  # Pub/Sub delivers at least once
                response = api.client.post(
                    f"/{target}", json=delivery["body"], headers=bearer(api.platform, "owner")
                )
                assert response.status_code == 200
    run_tasks(api)
    assert len(llm.asked) == asked
    assert len(api.platform.store.query(ENTRIES)) == stored == len(debate["entries"])
    after = api.admin("GET", "/admin-debates", {"id": debate["id"]})[1]
    assert (after["cost_usd"], after["synthesis"]) == (debate["cost_usd"], debate["synthesis"])
    # Asking the same question again reuses the record: no new call, no new cost.
    again = ask(api, HARD.upper())
    assert again["id"] == debate["id"] and again["synthesis"] == debate["synthesis"]
    assert len(llm.asked) == asked


def test_a_panel_that_agrees_after_proposals_stops_early(api: Api, llm: PanelLLM) -> None:
    alike = {
        FOUR_O: Voice(YES.replace("ten feet", "10 ft"), verdict=VERDICT),
        FOUR_ONE: Voice(YES.replace("Yes: the", "Yes, the")),
    }
    llm.reset(voices(**alike))
    debate = ask(api)
    assert debate["stopped"] == "agreed"
    assert {e["round"] for e in debate["entries"]} == {1}
    assert deliveries(api.platform)["debate-critique"] == 0
    assert "critique" not in llm.phases(MINI) + llm.phases(FOUR_O) + llm.phases(FOUR_ONE)
    assert debate["synthesis"]["judge"] == f"openai:{FOUR_O}"


@pytest.mark.parametrize("settings", [{"debate_cost_cap_usd": 0.005}])
def test_the_cost_cap_stops_the_rounds(api: Api, llm: PanelLLM) -> None:
    # 10,000 output tokens of gpt-4o-mini cost $0.006: over the cap after the first call.
    llm.reset(voices(**{MINI: Voice(YES, output_tokens=10_000)}))
    debate = ask(api)
    assert debate["stopped"] == "cost_cap"
    assert [e["panelist"] for e in debate["entries"]] == [f"openai:{MINI}"]
    assert llm.phases(FOUR_O) == llm.phases(FOUR_ONE) == []  # not asked, not even to judge
    synthesis = debate["synthesis"]
    assert synthesis["judge"] == "agreement" and synthesis["answer"] == YES
    assert debate["cost_usd"] == pytest.approx(debate["entries"][0]["cost_usd"])
    assert debate["cost_usd"] > 0.005


@pytest.mark.parametrize("settings", [{"debate_judge": f"anthropic:{CLAUDE}"}])
def test_a_judge_that_fails_leaves_the_synthesis_to_the_panels_agreement(
    api: Api, llm: PanelLLM
) -> None:
    debate = ask(api)
    assert llm.phases(CLAUDE) == ["propose", "judge"]  # asked, and down both times
    synthesis = debate["synthesis"]
    finals = {e["panelist"]: e["answer"] for e in debate["entries"] if e["round"] == 4}
    assert synthesis["judge"] == "agreement" and synthesis["answer"] in finals.values()
    assert 0 < synthesis["confidence"] < 1


def test_a_synthesis_with_an_invented_price_is_blocked_and_not_approvable(
    api: Api, llm: PanelLLM
) -> None:
    invented = {"answer": "Balcony cooking costs $37.13 extra.", "confidence": 0.9}
    llm.reset(voices(**{FOUR_O: Voice(NO, verdict=invented)}))
    debate = ask(api)
    assert (
        debate["synthesis"]["problems"] and "ungrounded_price" in debate["synthesis"]["problems"][0]
    )
    status, body = api.admin(
        "POST",
        "/admin-debates",
        {"action": "approve", "debate_id": debate["id"], "into": "knowledge"},
    )
    assert status == 409 and body["code"] == "synthesis_blocked"


def test_staff_approve_a_synthesis_into_the_knowledge_base(api: Api, llm: PanelLLM) -> None:
    debate = ask(api)
    approve = {
        "action": "approve",
        "debate_id": debate["id"],
        "into": "knowledge",
        "doc_id": "balcony-cooking",
        "title": "Cooking on a balcony",
    }
    status, body = api.admin("POST", "/admin-debates", approve, role="manager")
    assert status == 200, body
    assert (
        body["approved"]["into"] == "knowledge" and body["approved"]["target"] == "balcony-cooking"
    )
    [hit, *_] = search(api.platform.store, api.platform.vectors, HARD)
    assert hit.doc_id == "balcony-cooking" and VERDICT["answer"] in hit.text
    [audited] = [
        d.data for d in api.platform.store.query(AUDIT) if d.data["action"] == "debate.approve"
    ]
    assert audited["entity_id"] == debate["id"] and audited["after"]["target"] == "balcony-cooking"
    status, body = api.admin("POST", "/admin-debates", approve)
    assert status == 409 and body["code"] == "already_approved"


def test_an_answer_with_money_cannot_go_into_the_faq_cache(api: Api, llm: PanelLLM) -> None:
    priced = {"answer": "There is no extra charge; the usual $0 travel applies.", "confidence": 0.6}
    llm.reset(voices(**{FOUR_O: Voice(NO, verdict=priced)}))
    debate = ask(api)
    status, body = api.admin(
        "POST", "/admin-debates", {"action": "approve", "debate_id": debate["id"], "into": "cache"}
    )
    assert status == 409 and body["code"] in ("not_cacheable", "synthesis_blocked")


def test_a_debate_for_a_message_is_listed_in_its_thread(api: Api, llm: PanelLLM) -> None:
    status, chat = api.call("POST", "/chat", {"text": HARD, "session_id": "s-debate"})
    assert status == 200
    [customer] = [d for d in api.platform.store.query("messages") if d.data["author"] == "customer"]
    status, body = api.admin(
        "POST", "/admin-debates", {"action": "request", "message_id": customer.id}, role="staff"
    )
    assert status == 202 and body["debate_id"] == debate_id(HARD)
    [audited] = [
        d.data for d in api.platform.store.query(AUDIT) if d.data["action"] == "debate.request"
    ]
    assert (
        audited["entity_id"] == debate_id(HARD)
        and audited["after"]["thread_id"] == chat["thread_id"]
    )
    run_tasks(api)
    status, listed = api.admin("GET", "/admin-debates", {"thread_id": chat["thread_id"]})
    assert status == 200
    assert [d["id"] for d in listed["debates"]] == [debate_id(HARD)]
    # Nothing the debate produced went to the customer.
    replies = [
        d.data["text"] for d in api.platform.store.query("messages") if d.data["author"] == "ai"
    ]
    assert not any(VERDICT["answer"] in r for r in replies)


def test_a_question_the_knowledge_base_cannot_answer_starts_a_debate_after_the_turn(
    api: Api, llm: PanelLLM
) -> None:
    question = "Do you have a liquor license to serve cocktails?"
    status, chat = api.call("POST", "/chat", {"text": question, "session_id": "s-unsure"})
    assert status == 200 and chat["escalated"]  # the customer has the handoff already
    assert llm.asked == []  # and waited for no panelist
    run_tasks(api)
    status, listed = api.admin("GET", "/admin-debates", {"thread_id": chat["thread_id"]})
    assert status == 200
    [debate] = listed["debates"]
    assert (debate["trigger"], debate["message_id"]) == ("kb_unsure", chat["reply_id"])
    assert debate["status"] == "done" and debate["synthesis"]["answer"]
    novelty = next(c for c in debate["complexity"]["components"] if c["name"] == "novelty")
    assert novelty["value"] > 0.5


def test_a_synthesis_too_short_for_a_document_is_refused_naming_the_field(
    api: Api, llm: PanelLLM
) -> None:
    llm.reset(voices(**{FOUR_O: Voice(NO, verdict={"answer": "Yes.", "confidence": 0.9})}))
    debate = ask(api)
    status, body = api.admin(
        "POST",
        "/admin-debates",
        {"action": "approve", "debate_id": debate["id"], "into": "knowledge"},
    )
    assert status == 422, body
    assert [e["field"] for e in body["errors"]] == ["synthesis.body"]
    assert api.admin("GET", "/admin-debates", {"id": debate["id"]})[1]["approved"] is None
