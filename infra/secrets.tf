# One Secret Manager secret per manifest row. Terraform creates the secret, never a
# version: values are added by ops (`gcloud secrets versions add`), so they never enter
# Terraform state or this repository.
resource "google_secret_manager_secret" "secret" {
  for_each = local.secrets

  project   = var.project_id
  secret_id = each.key

  labels = {
    required-in-prod = each.value.required_in_prod ? "true" : "false"
  }

  replication {
    auto {}
  }

  depends_on = [google_project_service.api]
}

# Read access only for the runtime accounts whose functions list the secret.
resource "google_secret_manager_secret_iam_member" "accessor" {
  for_each = local.secret_access

  project   = var.project_id
  secret_id = google_secret_manager_secret.secret[each.value.secret].secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.runtime[each.value.sa_class].email}"
}
