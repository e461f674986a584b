output "function_urls" {
  description = "Each function's URL, by manifest name."
  value       = { for k, f in google_cloudfunctions2_function.fn : k => f.url }
}

output "function_service_uris" {
  description = "Each function's Cloud Run (run.app) URI, by manifest name."
  value       = { for k, f in google_cloudfunctions2_function.fn : k => f.service_config[0].uri }
}

output "runtime_service_accounts" {
  description = "Runtime service account email per service-account class."
  value       = { for k, sa in google_service_account.runtime : k => sa.email }
}

output "tasks_invoker_service_account" {
  description = "OIDC identity of Cloud Tasks calls (HIBACHI_TASKS_INVOKER_SA)."
  value       = google_service_account.invoker["tasks"].email
}

output "vector_search_endpoint" {
  description = "Public domain of the Vector Search endpoint the functions query."
  value       = google_vertex_ai_index_endpoint.knowledge.public_endpoint_domain_name
}

output "training_export_bucket" {
  description = "Where training-data exports are written (HIBACHI_TRAINING_EXPORT_BUCKET)."
  value       = google_storage_bucket.training_exports.name
}
