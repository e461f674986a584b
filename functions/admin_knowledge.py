"""GET /admin-knowledge: the knowledge base; POST: add or edit a document (re-embedded)."""

from pydantic import BaseModel

from shared.ai.knowledge.base import KnowledgeDoc, list_docs, save
from shared.platform.http import HttpCall, Reply


class KnowledgeList(BaseModel):
    documents: list[KnowledgeDoc]


def handle(call: HttpCall) -> KnowledgeList | Reply:
    store = call.platform.store
    if call.method == "GET":
        return KnowledgeList(documents=list_docs(store))
    doc = save(
        store,
        call.platform.vectors,
        call.body(KnowledgeDoc),
        actor=call.actor,
        now=call.platform.clock.now(),
    )
    return Reply(doc, status=201)
