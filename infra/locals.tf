# The function manifest (functions/manifest.py, exported by `make schemas`) is the single
# source of truth. Everything below is derived from it, so adding a function, topic,
# queue or secret row needs no Terraform edit.
locals {
  manifest = jsondecode(file("${path.module}/../schemas/manifest.json"))

  # One uniformly shaped object per function: trigger rows differ by kind, and
  # normalising them keeps every for_each below a map of one type.
  functions = {
    for f in local.manifest.functions : f.name => {
      name          = f.name
      summary       = f.summary
      entry_point   = f.entry_point
      kind          = f.trigger.kind
      access        = try(f.trigger.access, null)
      topic         = try(f.trigger.topic, null)
      queue         = try(f.trigger.queue, null)
      cron          = try(f.trigger.cron, null)
      timezone      = try(f.trigger.timezone, null)
      sa_class      = f.service_account_class
      memory_mb     = f.memory_mb
      timeout_s     = f.timeout_s
      min_instances = f.min_instances
      max_instances = f.max_instances
      concurrency   = f.concurrency
      secrets       = toset(f.secrets)
      # Injected as env vars only when required in prod: a function cannot start while
      # an injected secret has no version, and optional ones may never get one (the code
      # reads those from Secret Manager when it needs them).
      secret_env = toset([for s in f.secrets : s if local.secrets[s].required_in_prod])
    }
  }
  topics  = { for t in local.manifest.topics : t.name => t }
  queues  = { for q in local.manifest.queues : q.name => q }
  secrets = { for s in local.manifest.secrets : s.name => s }

  # Topics a BigQuery subscription writes into the analytics dataset (infra/analytics.tf).
  bigquery_topics = { for k, t in local.topics : k => t if try(t.bigquery_table, null) != null }
  # The runtime accounts of the admin functions, which run the analytics reports.
  analytics_readers = toset([for f in local.functions : f.sa_class if f.access == "admin"])

  # Matches DEAD_LETTER_TOPIC in functions/manifest.py (tests/infra checks they agree).
  dead_letter_topic = "dead-letters"

  http_functions     = { for k, f in local.functions : k => f if f.kind == "http" }
  pubsub_functions   = { for k, f in local.functions : k => f if f.kind == "pubsub" }
  schedule_functions = { for k, f in local.functions : k => f if f.kind == "schedule" }

  # Every service-account class some function uses gets one runtime account.
  sa_classes = toset([for f in local.functions : f.sa_class])

  # Pub/Sub push, Cloud Tasks and Cloud Scheduler in the same project count as internal
  # traffic for a 2nd gen function's Cloud Run service when they call its default URL
  # (https://cloud.google.com/run/docs/securing/ingress, "Internal"), so only the HTTP
  # functions browsers call are open to the internet. IAM still gates every call.
  ingress_by_kind = {
    http     = "ALLOW_ALL"
    pubsub   = "ALLOW_INTERNAL_ONLY"
    task     = "ALLOW_INTERNAL_ONLY"
    schedule = "ALLOW_INTERNAL_ONLY"
  }

  # Which invoker identities may call a function of each trigger kind. Schedule
  # functions are also queued on demand ("run now") through Cloud Tasks.
  invokers_by_kind = {
    pubsub   = ["pubsub"]
    task     = ["tasks"]
    schedule = ["scheduler", "tasks"]
  }

  # (function, invoker) pairs for run.invoker grants on non-public functions.
  private_invocations = merge([
    for k, f in local.functions : {
      for inv in try(local.invokers_by_kind[f.kind], []) : "${k}/${inv}" => {
        function = k
        invoker  = inv
      }
    }
  ]...)

  # One push subscription per pubsub-triggered function, on its trigger topic.
  subscriptions = {
    for k, f in local.pubsub_functions : k => {
      function    = k
      topic       = f.topic
      name        = "${f.topic}--${k}"
      dead_letter = f.topic != local.dead_letter_topic
      # Push requests time out at the ack deadline: cover the function's own timeout,
      # within Pub/Sub's 10..600 s range.
      ack_deadline = min(600, max(10, f.timeout_s))
    }
  }

  # (secret, service-account class) pairs: accessor IAM only where a function of that
  # class lists the secret.
  secret_access = merge([
    for k, f in local.functions : {
      for s in f.secrets : "${s}/${f.sa_class}" => {
        secret   = s
        sa_class = f.sa_class
      }
    }
  ]...)

  # Any function may publish follow-up events or queue follow-up work (the manifest does
  # not record which does), so every runtime class gets publisher on the event topics and
  # enqueuer on the queues. Nobody but Pub/Sub itself publishes to the dead-letter topic.
  event_topics = { for k, t in local.topics : k => t if k != local.dead_letter_topic }
  topic_publishers = merge([
    for t in keys(local.event_topics) : {
      for c in local.sa_classes : "${t}/${c}" => { topic = t, sa_class = c }
    }
  ]...)
  queue_enqueuers = merge([
    for q in keys(local.queues) : {
      for c in local.sa_classes : "${q}/${c}" => { queue = q, sa_class = c }
    }
  ]...)

  # The functions' own view of the deployment (shared/platform/config.py reads HIBACHI_*).
  function_base_url = "https://${var.region}-${var.project_id}.cloudfunctions.net"
  common_env = {
    HIBACHI_ENV                = "prod"
    HIBACHI_PROJECT_ID         = var.project_id
    HIBACHI_REGION             = var.region
    HIBACHI_FIRESTORE_DATABASE = google_firestore_database.main.name
    HIBACHI_FUNCTION_BASE_URL  = local.function_base_url
    HIBACHI_TASKS_INVOKER_SA   = google_service_account.invoker["tasks"].email
    HIBACHI_CORS_ORIGINS       = join(",", var.cors_origins)
    # Where Stripe Checkout sends customers back; `{booking_id}` is filled in per booking.
    HIBACHI_PAYMENT_SUCCESS_URL = "${var.web_base_url}/bookings/{booking_id}?paid=1"
    HIBACHI_PAYMENT_CANCEL_URL  = "${var.web_base_url}/bookings/{booking_id}"
    # Vector Search (infra/vector_search.tf) serves the vector port in prod.
    HIBACHI_VECTOR_INDEX          = google_vertex_ai_index.knowledge.name
    HIBACHI_VECTOR_INDEX_ENDPOINT = google_vertex_ai_index_endpoint.knowledge.name
    HIBACHI_VECTOR_DEPLOYED_INDEX = google_vertex_ai_index_endpoint_deployed_index.knowledge.deployed_index_id
    HIBACHI_VECTOR_QUERY_ENDPOINT = google_vertex_ai_index_endpoint.knowledge.public_endpoint_domain_name
    # Training-data exports (infra/storage.tf); only task functions may write there.
    HIBACHI_TRAINING_EXPORT_BUCKET = google_storage_bucket.training_exports.name
    # The dataset the analytics topic's BigQuery subscription fills (infra/analytics.tf).
    HIBACHI_ANALYTICS_DATASET = google_bigquery_dataset.analytics.dataset_id
    # Marketing (shared/ads): the Google Ads account, its manager account, the offline
    # conversion action deposits are uploaded to, the Search Console and GA4 properties.
    HIBACHI_GOOGLE_ADS_CUSTOMER_ID          = var.google_ads_customer_id
    HIBACHI_GOOGLE_ADS_LOGIN_CUSTOMER_ID    = var.google_ads_login_customer_id
    HIBACHI_GOOGLE_ADS_CONVERSION_ACTION_ID = var.google_ads_conversion_action_id
    HIBACHI_SEARCH_CONSOLE_SITE             = var.search_console_site
    HIBACHI_GA4_PROPERTY_ID                 = var.ga4_property_id
    # Adds the execution id to each log line so one request's lines group together.
    LOG_EXECUTION_ID = "true"
  }

  training_export_bucket = coalesce(var.training_export_bucket, "${var.project_id}-training-exports")

  pubsub_service_agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}
