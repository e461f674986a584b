"""Training data end to end on the embedded runtime: real chat turns (a booking with the
customer's contact details, rated replies, a staff correction) -> review -> an export job
-> OpenAI and Vertex JSONL that validate with no errors, with no phone, email, name or
address left; a scrubber that misses one refuses the whole export."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from functions._app.runtime.app import InProcessDeliverer
from shared.learning.training import export
from shared.learning.training.examples import EXAMPLES
from shared.platform.audit import COLLECTION as AUDIT
from shared.platform.scrub import Scrubber, leaks
from shared.platform.tasks.local import LocalTaskRunner
from tests.integration.conftest import Api

BOOKING = (
    "how much for 20 adults on March 6 2027 in 90012?",
    "my name is Maria Lopez, 4pm works, phone (916) 555-0123 maria.lopez+bbq@example.com",
    "the party is at 1234 Sunset Blvd, Los Angeles, CA 90012",
    "yes book it",
)
BETTER = "We cook outdoors on a propane griddle; indoors only under a big vent hood."
RAW = ("916", "555", "maria", "lopez", "example.com", "sunset", "+1")


def _chat(api: Api, session: str, text: str) -> dict[str, Any]:
    api.platform.clock.advance(timedelta(minutes=1))  # type: ignore[attr-defined]
    status, body = api.call("POST", "/chat", {"text": text, "session_id": session})
    assert status == 200, body
    return body  # type: ignore[no-any-return]


def _rate(api: Api, answer: dict[str, Any], session: str, helpful: bool) -> None:
    body = {"thread_id": answer["thread_id"], "session_id": session, "reply_id": answer["reply_id"]}
    assert api.call("POST", "/rate-reply", body | {"helpful": helpful})[0] == 200


def _run_tasks(api: Api) -> None:
    runner = LocalTaskRunner(
        api.platform.store, api.platform.clock, InProcessDeliverer(api.client.application)
    )
    while runner.run_due():
        pass


@pytest.fixture
def seeded(api: Api) -> dict[str, str]:
    replies = [_chat(api, "s-book", text) for text in BOOKING]
    helpful = _chat(api, "s-help", "do you bring the grill?")
    _rate(api, helpful, "s-help", helpful=True)
    unhelpful = _chat(api, "s-bad", "what proteins can we pick?")
    _rate(api, unhelpful, "s-bad", helpful=False)
    corrected = _chat(api, "s-fix", "do you cook indoors?")
    status, _ = api.admin(
        "POST",
        "/admin-conversations",
        {"action": "reply", "thread_id": corrected["thread_id"], "text": BETTER},
        role="staff",
    )
    assert status == 200
    return {
        "quote": replies[0]["reply_id"],
        "held": replies[-1]["reply_id"],
        "helpful": helpful["reply_id"],
        "unhelpful": unhelpful["reply_id"],
        "corrected": corrected["reply_id"],
    }


def _export(api: Api, **request: Any) -> dict[str, Any]:
    status, job = api.admin("POST", "/admin-training", {"action": "export", **request})
    assert status == 202 and job["status"] == "queued", job
    _run_tasks(api)
    status, done = api.admin("GET", "/admin-training", {"export": job["id"]})
    assert status == 200
    return done  # type: ignore[no-any-return]


def _lines(path: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def test_the_summary_scores_each_reply_and_a_correction_wins(
    api: Api, seeded: dict[str, str]
) -> None:
    status, summary = api.admin("GET", "/admin-training", {"min_score": 0.0, "limit": 100})
    assert status == 200
    by_id = {e["id"]: e for e in summary["items"]}
    assert set(seeded.values()) <= set(by_id)
    assert summary["corrected"] == 1 and summary["unreviewed"] == summary["examples"]

    def points(name: str, component: str) -> float:
        [c] = [c for c in by_id[seeded[name]]["score"]["components"] if c["name"] == component]
        return c["points"]  # type: ignore[no-any-return]

    assert points("helpful", "rating") > 0 > points("unhelpful", "rating")
    assert points("quote", "outcome") > 0  # the hold came later in the thread
    assert points("helpful", "outcome") == 0
    fixed = by_id[seeded["corrected"]]
    assert fixed["score"]["assistant"] == "staff" and fixed["turns"][-1]["text"] == BETTER
    assert by_id[seeded["helpful"]]["score"]["value"] > by_id[seeded["unhelpful"]]["score"]["value"]
    _, top = api.admin("GET", "/admin-training", {"min_score": 0.0, "limit": 2})
    ranked = sorted(summary["items"], key=lambda e: (e["score"]["value"], e["id"]), reverse=True)
    assert [e["id"] for e in top["items"]] == [e["id"] for e in ranked[:2]]
    assert top["examples"] == summary["examples"] and top["mean_score"] == summary["mean_score"]


def test_staff_review_is_audited_and_reviewed_only_exports_just_the_accepted(
    api: Api, seeded: dict[str, str]
) -> None:
    for name, decision in (("helpful", "accepted"), ("unhelpful", "rejected")):
        status, record = api.admin(
            "POST",
            "/admin-training",
            {"action": "review", "example_id": seeded[name], "decision": decision},
            role="manager",
        )
        assert status == 200 and record["decision"] == decision and record["by"] == "tester"
    audits = [
        d.data for d in api.platform.store.query(AUDIT) if d.data["entity"] == "training_example"
    ]
    assert {(a["entity_id"], a["action"]) for a in audits} == {
        (seeded["helpful"], "training_example.accept"),
        (seeded["unhelpful"], "training_example.reject"),
    }
    job = _export(api, format="openai", reviewed_only=True)
    assert job["status"] == "succeeded" and job["written"] == 1, job
    [line] = _lines(job["files"][0])
    assert line["messages"][-1]["content"] == _reply_text(api, seeded["helpful"])


def _reply_text(api: Api, reply_id: str) -> str:
    message = api.platform.store.get("messages", reply_id)
    assert message is not None
    return str(message["text"])


def test_an_export_is_scrubbed_valid_in_both_formats_and_reports_progress(
    api: Api,
    seeded: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    api.admin(
        "POST",
        "/admin-training",
        {"action": "review", "example_id": seeded["unhelpful"], "decision": "rejected"},
    )
    monkeypatch.setattr(export, "PROGRESS_EVERY", 2)
    with caplog.at_level(logging.INFO, logger=export.__name__):
        job = _export(api, format="both", min_score=0.0)
    assert job["status"] == "succeeded", job
    assert job["progress"] == f"done: {job['processed']} read, {job['written']} written"
    assert job["written"] == job["processed"] - 1  # all but the rejected one
    steps = [r.getMessage() for r in caplog.records if "read," in r.getMessage()]
    assert len(steps) == job["processed"] // 2 + 1  # every 2 examples, then the final count
    assert [r["error_count"] for r in job["reports"]] == [0, 0]
    assert {r["examples"] for r in job["reports"]} == {job["written"]}
    openai_file, openai_lora, vertex_file, vertex_lora = job["files"]
    openai, vertex = _lines(openai_file), _lines(vertex_file)
    texts = [m["content"] for line in openai for m in line["messages"]]
    texts += [p["text"] for line in vertex for c in line["contents"] for p in c["parts"]]
    joined = "\n".join(texts)
    assert not [t for t in texts if leaks(t)]
    assert not [raw for raw in RAW if raw in joined.lower()]
    for placeholder in ("[PHONE]", "[EMAIL]", "[NAME]", "[ADDRESS]"):
        assert placeholder in joined
    assert _reply_text(api, seeded["unhelpful"]) not in joined
    assert any(m["content"] == BETTER and m["weight"] == 1 for x in openai for m in x["messages"])
    assert all(line["contents"][-1]["role"] == "model" for line in vertex)
    lora = json.loads(Path(openai_lora).read_text())
    assert lora["dataset_path"] == openai_file and lora["examples"] == job["written"]
    assert json.loads(Path(vertex_lora).read_text())["dataset_format"] == "vertex"
    stored = api.platform.store.get(EXAMPLES, seeded["corrected"])
    assert stored is not None and stored["export_id"] == job["id"]
    assert stored["score"]["assistant"] == "staff"
    booked = api.platform.store.get(EXAMPLES, seeded["held"])
    kept = json.dumps(booked, default=str)
    assert "[PHONE]" in kept and not leaks(kept)  # kept as exported, scrubbed


def _published(api: Api, job: dict[str, Any]) -> list[Path]:
    root = api.platform.settings.data_dir / "exports" / "training" / job["id"]
    return list(root.glob("*")) if root.exists() else []


def test_a_phone_or_email_the_scrubber_misses_refuses_the_whole_export(
    api: Api, seeded: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Scrubber, "scrub", lambda self, text: text)  # a scrubber that misses
    job = _export(api, min_score=0.0)
    assert job["status"] == "failed" and job["files"] == []
    assert job["error"]["code"] == "pii_leak" and job["error"]["status"] == 409
    assert job["error"]["leaks"] >= 1
    assert _published(api, job) == [] and api.platform.store.query(EXAMPLES) == []


def test_a_record_breaking_its_format_refuses_the_export(
    api: Api, seeded: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    render = export.RENDER["vertex"]
    monkeypatch.setitem(
        export.RENDER,
        "vertex",
        lambda e, turns: render(e, turns[:-1]),  # ends on the user
    )
    job = _export(api, format="vertex", min_score=0.0)
    assert job["status"] == "failed" and job["error"]["code"] == "invalid_dataset"
    [report] = job["reports"]
    assert report["error_count"] == job["written"] > 0
    assert "last turn" in report["errors"][0]["message"]
    assert _published(api, job) == []


def test_bad_requests_name_the_field_and_staff_may_not_export(
    api: Api, seeded: dict[str, str]
) -> None:
    status, problem = api.admin("POST", "/admin-training", {"action": "export", "format": "csv"})
    assert status == 422 and "format" in json.dumps(problem)
    status, _ = api.admin("POST", "/admin-training", {"action": "export"}, role="staff")
    assert status == 403
    status, _ = api.admin(
        "POST",
        "/admin-training",
        {"action": "review", "example_id": "nope", "decision": "accepted"},
    )
    assert status == 404
    assert api.admin("GET", "/admin-training", {"export": "exp_missing"})[0] == 404
