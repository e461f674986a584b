# Analytics (shared/platform/analytics.py): every topic whose manifest row names a
# `bigquery_table` gets a table in the analytics dataset, with the schema `make schemas`
# generates from the event model (schemas/bigquery/), and a BigQuery subscription that
# writes each message as one row. No function sits on this path in production; the
# embedded runtime's record-analytics-event function plays the subscription locally.
resource "google_bigquery_dataset" "analytics" {
  project     = var.project_id
  dataset_id  = var.analytics_dataset
  location    = var.region
  description = "Analytics events (one flat row each) the admin reports query."

  # Rows age out with their day partition (the table's expiration); nothing is deleted
  # with the dataset by accident.
  delete_contents_on_destroy = false

  depends_on = [google_project_service.api]
}

resource "google_bigquery_table" "analytics" {
  for_each = local.bigquery_topics

  project     = var.project_id
  dataset_id  = google_bigquery_dataset.analytics.dataset_id
  table_id    = each.value.bigquery_table
  description = each.value.summary
  schema      = file("${path.module}/../schemas/bigquery/${each.value.bigquery_table}.json")

  # Reports filter on a period and one kind at a time: day partitions by event time keep
  # each query to the days it asks for; retention is the partition expiration.
  time_partitioning {
    type          = "DAY"
    field         = "occurred_at"
    expiration_ms = var.analytics_retention_days * 86400000
  }
  clustering = ["kind"]

  deletion_protection = true
}

resource "google_pubsub_subscription" "bigquery" {
  for_each = local.bigquery_topics

  project = var.project_id
  name    = "${each.key}--bigquery"
  topic   = google_pubsub_topic.topic[each.key].id

  message_retention_duration = "604800s"

  bigquery_config {
    table = "${var.project_id}.${google_bigquery_dataset.analytics.dataset_id}.${google_bigquery_table.analytics[each.key].table_id}"
    # The payload's fields are the table's columns (both generated from one model).
    use_table_schema    = true
    drop_unknown_fields = false
    write_metadata      = false
  }

  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }

  # A row BigQuery refuses (schema drift) lands with the other dead letters for staff.
  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.topic[local.dead_letter_topic].id
    max_delivery_attempts = each.value.max_delivery_attempts
  }

  expiration_policy {
    ttl = ""
  }

  depends_on = [google_bigquery_table_iam_member.pubsub_writer]
}

# The Pub/Sub service agent writes the rows (dataEditor on the table only) and, for
# dead-lettering, acknowledges the subscription like the push ones.
resource "google_bigquery_table_iam_member" "pubsub_writer" {
  for_each = local.bigquery_topics

  project    = var.project_id
  dataset_id = google_bigquery_dataset.analytics.dataset_id
  table_id   = google_bigquery_table.analytics[each.key].table_id
  role       = "roles/bigquery.dataEditor"
  member     = local.pubsub_service_agent
}

resource "google_pubsub_subscription_iam_member" "bigquery_dead_letter_subscriber" {
  for_each = local.bigquery_topics

  project      = var.project_id
  subscription = google_pubsub_subscription.bigquery[each.key].name
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_service_agent
}

# The admin functions run the reports: they read the dataset and run query jobs.
resource "google_bigquery_dataset_iam_member" "analytics_reader" {
  for_each = local.analytics_readers

  project    = var.project_id
  dataset_id = google_bigquery_dataset.analytics.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = "serviceAccount:${google_service_account.runtime[each.key].email}"
}

resource "google_project_iam_member" "analytics_job_user" {
  for_each = local.analytics_readers

  project = var.project_id
  role    = "roles/bigquery.jobUser"
  member  = "serviceAccount:${google_service_account.runtime[each.key].email}"
}
