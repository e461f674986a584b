# One Cloud Tasks queue per manifest row. Functions create HTTP tasks whose OIDC
# identity is the tasks invoker (HIBACHI_TASKS_INVOKER_SA); retries and dispatch rate
# come from the row.
resource "google_cloud_tasks_queue" "queue" {
  for_each = local.queues

  project  = var.project_id
  name     = each.key
  location = var.region

  rate_limits {
    max_dispatches_per_second = each.value.max_dispatches_per_second
  }

  retry_config {
    max_attempts  = each.value.max_attempts
    min_backoff   = "${each.value.min_backoff_s}s"
    max_backoff   = "${each.value.max_backoff_s}s"
    max_doublings = each.value.max_doublings
  }

  # Log every attempt: task volume is small and failed attempts are what ops look for.
  stackdriver_logging_config {
    sampling_ratio = 1.0
  }

  depends_on = [google_project_service.api]
}

resource "google_cloud_tasks_queue_iam_member" "runtime_enqueuer" {
  for_each = local.queue_enqueuers

  project  = var.project_id
  location = var.region
  name     = google_cloud_tasks_queue.queue[each.value.queue].name
  role     = "roles/cloudtasks.enqueuer"
  member   = "serviceAccount:${google_service_account.runtime[each.value.sa_class].email}"
}
