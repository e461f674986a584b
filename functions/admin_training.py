"""GET /admin-training: the dataset's summary with scored examples, or (?export=id) an
export job's progress; POST {action: review}: accept or reject an example (audited);
POST {action: export}: start an export job (202, then poll its id)."""

from shared.learning.training import jobs
from shared.learning.training.admin import DatasetSummary, TrainingAction, TrainingQuery, summary
from shared.learning.training.jobs import ExportJob, ExportRequest
from shared.learning.training.review import ReviewRecord, review
from shared.platform.http import HttpCall, Reply


def handle(call: HttpCall) -> DatasetSummary | ExportJob | ReviewRecord | Reply:
    platform = call.platform
    if call.method == "GET":
        query = call.query(TrainingQuery)
        if query.export:
            return jobs.get(platform, query.export)
        threshold = (
            platform.settings.training_min_score if query.min_score is None else query.min_score
        )
        return summary(platform.store, threshold, query.limit)
    action = call.body(TrainingAction).root
    if isinstance(action, ExportRequest):
        return Reply(jobs.start(platform, action, call.actor), status=202)
    return review(platform.store, action, actor=call.actor, now=platform.clock.now())
