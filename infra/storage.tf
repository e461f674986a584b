# Bucket for the function source zips Cloud Build uploads (functions/<name>-<sha>.zip).
# Private, uniform IAM, versioned so an overwritten or deleted build artifact can be
# recovered, and old builds age out.
resource "google_storage_bucket" "function_source" {
  name                        = var.source_bucket
  project                     = var.project_id
  location                    = upper(var.region)
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false

  versioning {
    enabled = true
  }

  # Keep 90 days of builds for rollbacks (redeploy an older source_version).
  lifecycle_rule {
    condition {
      age = 90
    }
    action {
      type = "Delete"
    }
  }

  # Noncurrent versions only exist for recovery from an accidental overwrite.
  lifecycle_rule {
    condition {
      days_since_noncurrent_time = 30
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.api]
}

# Training-data exports (the export job a manager starts): JSONL already scrubbed of
# personal data (the export refuses itself otherwise) and a LoRA config beside each file.
# Private, uniform IAM, versioned against an accidental overwrite; an export ages out with
# its job record (functions/_app/retention.py keeps export jobs 365 days).
resource "google_storage_bucket" "training_exports" {
  name                        = local.training_export_bucket
  project                     = var.project_id
  location                    = upper(var.region)
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false

  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      age = 365
    }
    action {
      type = "Delete"
    }
  }

  lifecycle_rule {
    condition {
      days_since_noncurrent_time = 30
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.api]
}
