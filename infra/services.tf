# APIs the platform uses. Kept enabled on destroy: turning an API off would break
# anything else in the project that relies on it.
locals {
  apis = toset([
    "aiplatform.googleapis.com",       # Vector Search (knowledge base, FAQ cache)
    "artifactregistry.googleapis.com", # images built from function sources
    "bigquery.googleapis.com",         # analytics dataset, its subscription and queries
    "cloudbuild.googleapis.com",       # builds function sources
    "cloudfunctions.googleapis.com",
    "cloudresourcemanager.googleapis.com", # project IAM and the project data source
    "cloudscheduler.googleapis.com",
    "cloudtasks.googleapis.com",
    "firestore.googleapis.com",
    "iam.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com", # 2nd gen functions run as Cloud Run services
    "secretmanager.googleapis.com",
    "storage.googleapis.com",
  ])
}

resource "google_project_service" "api" {
  for_each = local.apis

  project            = var.project_id
  service            = each.key
  disable_on_destroy = false
}
