"""An example as one JSONL record: OpenAI chat fine-tuning or Vertex AI Gemini tuning.

OpenAI: {"messages": [system, user, assistant, ...]}; earlier assistant turns carry
weight 0 so only the reply taught is learned. Vertex: {"systemInstruction": ...,
"contents": [user, model, ...]} with text parts.
"""

from __future__ import annotations

from typing import Any, Literal

from shared.learning.training.examples import Example, Turn

Format = Literal["openai", "vertex"]
FORMATS: tuple[Format, ...] = ("openai", "vertex")

SYSTEM = (
    "You are MyHibachi's booking assistant for private hibachi chef parties. Answer in the "
    "customer's language, briefly. State only prices and times a tool returned, never claim "
    "a booking a tool did not confirm, and hand over to staff when unsure."
)


def system_text(example: Example) -> str:
    return f"{SYSTEM}\nChannel: {example.channel}. Agent: {example.intent}."


def openai_record(example: Example, turns: list[Turn]) -> dict[str, Any]:
    last = len(turns) - 1
    messages: list[dict[str, Any]] = [{"role": "system", "content": system_text(example)}]
    for i, turn in enumerate(turns):
        message: dict[str, Any] = {"role": turn.role, "content": turn.text}
        if turn.role == "assistant":
            message["weight"] = int(i == last)
        messages.append(message)
    return {"messages": messages}


def vertex_record(example: Example, turns: list[Turn]) -> dict[str, Any]:
    return {
        "systemInstruction": {"role": "system", "parts": [{"text": system_text(example)}]},
        "contents": [
            {"role": "user" if t.role == "user" else "model", "parts": [{"text": t.text}]}
            for t in turns
        ],
    }


RENDER = {"openai": openai_record, "vertex": vertex_record}
