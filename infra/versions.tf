# Terraform and provider pins. The state lives in a GCS bucket created once by hand
# (see cloudbuild.yaml: `terraform init -backend-config=bucket=...`), so nothing here
# names a bucket and the same code can target any project.
terraform {
  required_version = ">= 1.5.0, < 2.0.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
  }

  backend "gcs" {
    prefix = "myhibachi/platform"
  }
}

provider "google" {
  project = var.project_id
  region  = var.region

  default_labels = {
    app        = "myhibachi"
    managed-by = "terraform"
  }
}

# The project number names Google's service agents (Pub/Sub, Cloud Tasks...).
data "google_project" "this" {
  project_id = var.project_id
}
