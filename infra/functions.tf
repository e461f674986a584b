# One 2nd gen function per manifest row. Sources are the zips Cloud Build uploaded for
# this source_version; the runtime identity is the row's service-account class.
resource "google_cloudfunctions2_function" "fn" {
  for_each = local.functions

  project     = var.project_id
  name        = each.key
  location    = var.region
  description = each.value.summary

  labels = {
    trigger  = each.value.kind
    sa-class = each.value.sa_class
  }

  build_config {
    runtime         = "python311"
    entry_point     = each.value.entry_point
    service_account = google_service_account.build.id

    source {
      storage_source {
        bucket = google_storage_bucket.function_source.name
        object = "functions/${each.key}-${var.source_version}.zip"
      }
    }
  }

  service_config {
    available_memory               = "${each.value.memory_mb}M"
    timeout_seconds                = each.value.timeout_s
    min_instance_count             = each.value.min_instances
    max_instance_count             = each.value.max_instances
    service_account_email          = google_service_account.runtime[each.value.sa_class].email
    ingress_settings               = local.ingress_by_kind[each.value.kind]
    all_traffic_on_latest_revision = true
    # More than one request at a time needs a whole vCPU, and functions-framework's
    # gunicorn needs a thread per concurrent request (THREADS).
    max_instance_request_concurrency = each.value.concurrency
    available_cpu                    = each.value.concurrency > 1 ? "1" : null
    environment_variables            = merge(local.common_env, { THREADS = tostring(each.value.concurrency) })

    # Each required secret the row lists, as UPPER_SNAKE env var (my-api-key ->
    # MY_API_KEY). "latest" is resolved when an instance starts, so ops rotate by adding
    # a version (new instances pick it up).
    dynamic "secret_environment_variables" {
      for_each = each.value.secret_env
      content {
        key        = upper(replace(secret_environment_variables.value, "-", "_"))
        project_id = var.project_id
        secret     = google_secret_manager_secret.secret[secret_environment_variables.value].secret_id
        version    = "latest"
      }
    }
  }

  depends_on = [
    google_project_service.api,
    google_project_iam_member.build,
    google_secret_manager_secret_iam_member.accessor,
  ]
}

# HTTP functions (public and admin) are invokable by anyone at the IAM level: browsers,
# webhooks and the admin front end call them directly. Public ones are rate limited in
# code; admin ones check a bearer JWT and role in code (shared/auth), so IAM cannot
# add anything for callers that hold no Google identity.
resource "google_cloud_run_v2_service_iam_member" "http_public" {
  for_each = local.http_functions

  project  = var.project_id
  location = var.region
  name     = google_cloudfunctions2_function.fn[each.key].name
  role     = "roles/run.invoker"
  member   = "allUsers"
}

# Every other function is callable only by the invoker accounts of its trigger kind.
resource "google_cloud_run_v2_service_iam_member" "private_invoker" {
  for_each = local.private_invocations

  project  = var.project_id
  location = var.region
  name     = google_cloudfunctions2_function.fn[each.value.function].name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.invoker[each.value.invoker].email}"
}
