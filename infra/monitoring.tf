# Alerting, only when an alert_email is given: a dead-lettered message means some event
# was not handled after every retry; a burst of 5xx means a function is failing callers.
locals {
  # Cloud Build passes an empty substitution when no address is configured.
  alerting = var.alert_email != null && var.alert_email != ""
}

resource "google_monitoring_notification_channel" "email" {
  count = local.alerting ? 1 : 0

  project      = var.project_id
  display_name = "MyHibachi on-call email"
  type         = "email"
  labels = {
    email_address = var.alert_email
  }

  depends_on = [google_project_service.api]
}

resource "google_monitoring_alert_policy" "dead_letters" {
  count = local.alerting ? 1 : 0

  project               = var.project_id
  display_name          = "MyHibachi: messages dead-lettered"
  combiner              = "OR"
  notification_channels = [google_monitoring_notification_channel.email[0].id]

  conditions {
    display_name = "A message reached the ${local.dead_letter_topic} topic"
    condition_threshold {
      filter          = "resource.type = \"pubsub_topic\" AND resource.labels.topic_id = \"${local.dead_letter_topic}\" AND metric.type = \"pubsub.googleapis.com/topic/send_message_operation_count\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_SUM"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "An event failed every delivery attempt. The dead-letter subscriber stored it; inspect and replay it from the admin app."
  }
}

resource "google_monitoring_alert_policy" "function_5xx" {
  count = local.alerting ? 1 : 0

  project               = var.project_id
  display_name          = "MyHibachi: function 5xx burst"
  combiner              = "OR"
  notification_channels = [google_monitoring_notification_channel.email[0].id]

  conditions {
    display_name = "More than 5 server errors in 5 minutes on one function"
    condition_threshold {
      filter          = "resource.type = \"cloud_run_revision\" AND metric.type = \"run.googleapis.com/request_count\" AND metric.labels.response_code_class = \"5xx\""
      comparison      = "COMPARISON_GT"
      threshold_value = 5
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.labels.service_name"]
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "A function is answering 5xx. Check its logs in Cloud Logging (filter by service name)."
  }
}
