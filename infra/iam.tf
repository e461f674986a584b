# Identities. Functions of one service-account class share one runtime account with
# only what that class needs; three invoker accounts are the only callers of the
# non-public functions; one account builds the function sources. No primitive roles.

# Runtime accounts, one per class in the manifest ("public-http", "admin-http",
# "pubsub", "task", "schedule").
resource "google_service_account" "runtime" {
  for_each = local.sa_classes

  project      = var.project_id
  account_id   = "fn-${each.key}"
  display_name = "MyHibachi ${each.key} functions"
  description  = "Runtime identity of every ${each.key} function in the manifest."

  depends_on = [google_project_service.api]
}

# Invoker accounts: the OIDC identities Pub/Sub push, Cloud Tasks and Cloud Scheduler
# present to the functions. Each may only invoke its own kind of function (functions.tf).
resource "google_service_account" "invoker" {
  for_each = toset(["pubsub", "tasks", "scheduler"])

  project      = var.project_id
  account_id   = "invoker-${each.key}"
  display_name = "MyHibachi ${each.key} invoker"
  description  = "Identity ${each.key} uses to call the platform's private functions."

  depends_on = [google_project_service.api]
}

# Builds the function sources into images (instead of the project's default compute
# account, which would otherwise need broad rights).
resource "google_service_account" "build" {
  project      = var.project_id
  account_id   = "fn-build"
  display_name = "MyHibachi function builds"
  description  = "Cloud Build identity for building the functions' source zips."

  depends_on = [google_project_service.api]
}

# The documented minimum for a custom functions build account: write build logs, push
# the built image to Artifact Registry (gcf-artifacts), read the source zips (ours, and
# the copies Cloud Functions stages in its own gcf-v2-sources-* bucket).
resource "google_project_iam_member" "build" {
  for_each = toset([
    "roles/logging.logWriter",
    "roles/artifactregistry.writer",
    "roles/storage.objectViewer",
  ])

  project = var.project_id
  role    = each.key
  member  = "serviceAccount:${google_service_account.build.email}"
}

# Firestore IAM is project-level only; datastore.user is read/write on documents, no
# admin (indexes, databases, exports).
resource "google_project_iam_member" "runtime_datastore" {
  for_each = local.sa_classes

  project = var.project_id
  role    = "roles/datastore.user"
  member  = "serviceAccount:${google_service_account.runtime[each.key].email}"
}

# No logging.logWriter / monitoring.metricWriter grants: functions log to stdout/stderr,
# which Cloud Run collects without any role on the runtime account.

# Functions that queue work create tasks whose OIDC identity is the tasks invoker, so
# they must be allowed to act as it (and only it).
resource "google_service_account_iam_member" "runtime_acts_as_tasks_invoker" {
  for_each = local.sa_classes

  service_account_id = google_service_account.invoker["tasks"].name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${google_service_account.runtime[each.key].email}"
}

# Pub/Sub mints the push OIDC tokens as the pubsub invoker. Projects created before
# April 2021 need this grant explicitly; it is scoped to that one account.
resource "google_service_account_iam_member" "pubsub_agent_token_creator" {
  service_account_id = google_service_account.invoker["pubsub"].name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_service_agent

  depends_on = [google_project_service.api]
}

# Exports are written by a task function (the export job), each file under a new name
# per export, so the task class may create objects but not read, overwrite or delete
# them. No other account may touch the bucket.
resource "google_storage_bucket_iam_member" "training_export_writer" {
  bucket = google_storage_bucket.training_exports.name
  role   = "roles/storage.objectCreator"
  member = "serviceAccount:${google_service_account.runtime["task"].email}"
}
