"""GET /admin-knowledge: the knowledge base; POST: add or edit a document (re-embedded)."""

from shared.ai.knowledge.base import KnowledgeDoc, list_docs, save
from shared.platform.http import HttpCall, Reply


def handle(call: HttpCall) -> object:
    store = call.platform.store
    if call.method == "GET":
        return {"documents": list_docs(store)}
    doc = save(store, call.body(KnowledgeDoc), actor=call.actor, now=call.platform.clock.now())
    return Reply(doc, status=201)
