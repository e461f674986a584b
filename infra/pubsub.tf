# One topic per manifest row. Every subscriber function gets its own push subscription
# to its default URL, authenticated with an OIDC token of the pubsub invoker. Failed
# deliveries back off exponentially, then land on the shared dead-letter topic, whose
# own subscriber stores them for staff to inspect and replay.
resource "google_pubsub_topic" "topic" {
  for_each = local.topics

  project = var.project_id
  name    = each.key
  labels = {
    dead-letter = each.key == local.dead_letter_topic ? "true" : "false"
  }

  # Keep a week of messages on the topic itself so a new or fixed subscriber can seek back.
  message_retention_duration = "604800s"

  depends_on = [google_project_service.api]
}

resource "google_pubsub_subscription" "push" {
  for_each = local.subscriptions

  project = var.project_id
  name    = each.value.name
  topic   = google_pubsub_topic.topic[each.value.topic].id

  ack_deadline_seconds       = each.value.ack_deadline
  message_retention_duration = "604800s"

  push_config {
    # The run.app URL: the default URL internal ingress accepts Pub/Sub traffic on.
    push_endpoint = google_cloudfunctions2_function.fn[each.value.function].service_config[0].uri

    oidc_token {
      service_account_email = google_service_account.invoker["pubsub"].email
      audience              = google_cloudfunctions2_function.fn[each.value.function].service_config[0].uri
    }
  }

  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }

  # Subscriptions on the dead-letter topic itself have nowhere further to go.
  dynamic "dead_letter_policy" {
    for_each = each.value.dead_letter ? [1] : []
    content {
      dead_letter_topic     = google_pubsub_topic.topic[local.dead_letter_topic].id
      max_delivery_attempts = local.topics[each.value.topic].max_delivery_attempts
    }
  }

  # Never expire for inactivity: a quiet topic is not an unused one.
  expiration_policy {
    ttl = ""
  }

  depends_on = [google_service_account_iam_member.pubsub_agent_token_creator]
}

# Dead-lettering is done by the Pub/Sub service agent: it must publish to the dead-letter
# topic and acknowledge (subscribe to) the source subscription.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  count = length([for s in local.subscriptions : s if s.dead_letter]) > 0 ? 1 : 0

  project = var.project_id
  topic   = google_pubsub_topic.topic[local.dead_letter_topic].name
  role    = "roles/pubsub.publisher"
  member  = local.pubsub_service_agent
}

resource "google_pubsub_subscription_iam_member" "dead_letter_subscriber" {
  for_each = { for k, s in local.subscriptions : k => s if s.dead_letter }

  project      = var.project_id
  subscription = google_pubsub_subscription.push[each.key].name
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_service_agent
}

# Functions publish events to every topic but the dead-letter one.
resource "google_pubsub_topic_iam_member" "runtime_publisher" {
  for_each = local.topic_publishers

  project = var.project_id
  topic   = google_pubsub_topic.topic[each.value.topic].name
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:${google_service_account.runtime[each.value.sa_class].email}"
}
