# The document store. Native mode in the platform's region, with point-in-time recovery
# (7 days of versions to undo a bad write or a bad migration) and delete protection
# (the database cannot be dropped by an API call or a `terraform destroy` by mistake).
resource "google_firestore_database" "main" {
  project                           = var.project_id
  name                              = "(default)"
  location_id                       = var.region
  type                              = "FIRESTORE_NATIVE"
  concurrency_mode                  = "PESSIMISTIC" # transactions lock, as the booking claims expect
  app_engine_integration_mode       = "DISABLED"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  # Removing the resource from Terraform must never delete customer data.
  deletion_policy = "ABANDON"

  depends_on = [google_project_service.api]
}

# PITR covers 7 days; a weekly backup kept for 8 weeks covers the "noticed it late" case
# (a daily schedule could only keep 7 days, which PITR already gives).
resource "google_firestore_backup_schedule" "weekly" {
  project   = var.project_id
  database  = google_firestore_database.main.name
  retention = "4838400s" # 8 weeks

  weekly_recurrence {
    day = "SUNDAY"
  }
}

# Composite indexes the queries need (equality filters plus an order or range on another
# field), declared in the manifest's INDEXES table next to the code that runs the queries.
resource "google_firestore_index" "composite" {
  for_each = { for i in local.manifest.indexes : i.name => i }

  project    = var.project_id
  database   = google_firestore_database.main.name
  collection = each.value.collection

  dynamic "fields" {
    for_each = each.value.fields
    content {
      field_path = fields.value.field
      order      = fields.value.order == "desc" ? "DESCENDING" : "ASCENDING"
    }
  }
}
