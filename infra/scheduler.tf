# One Cloud Scheduler job per schedule-triggered function: POST to its default URL on
# the row's cron, in the row's time zone, with an OIDC token of the scheduler invoker.
resource "google_cloud_scheduler_job" "job" {
  for_each = local.schedule_functions

  project     = var.project_id
  region      = var.region
  name        = each.key
  description = each.value.summary
  schedule    = each.value.cron
  time_zone   = each.value.timezone

  # Scheduler allows 15 s..30 min for HTTP targets; wait as long as the function may run.
  attempt_deadline = "${min(1800, max(15, each.value.timeout_s))}s"

  # Jobs are idempotent; one retry covers a cold start or a transient 5xx.
  retry_config {
    retry_count          = 1
    min_backoff_duration = "30s"
  }

  http_target {
    http_method = "POST"
    uri         = google_cloudfunctions2_function.fn[each.key].service_config[0].uri
    # An empty JSON object: schedule functions take no input (a request model could
    # reject unexpected keys).
    body = base64encode("{}")
    headers = {
      "Content-Type" = "application/json"
    }

    oidc_token {
      service_account_email = google_service_account.invoker["scheduler"].email
      audience              = google_cloudfunctions2_function.fn[each.key].service_config[0].uri
    }
  }

  depends_on = [google_project_service.api]
}
