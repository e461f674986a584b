# Vertex AI Vector Search: the production adapter of the vector port
# (shared/platform/vertex_vectors.py). Stream updates so a knowledge edit is searchable
# within seconds; DOT_PRODUCT_DISTANCE on the unit vectors the adapter writes (a cosine);
# 384 dimensions, all-MiniLM-L6-v2's output.
resource "google_vertex_ai_index" "knowledge" {
  project             = var.project_id
  region              = var.region
  display_name        = "myhibachi-knowledge"
  description         = "Knowledge base chunks and FAQ cache entries, namespaced by the adapter."
  index_update_method = "STREAM_UPDATE"

  metadata {
    config {
      dimensions                  = 384
      approximate_neighbors_count = 50
      distance_measure_type       = "DOT_PRODUCT_DISTANCE"
      shard_size                  = "SHARD_SIZE_SMALL"

      algorithm_config {
        tree_ah_config {
          leaf_node_embedding_count    = 500
          leaf_nodes_to_search_percent = 10
        }
      }
    }
  }

  depends_on = [google_project_service.api]
}

# A public endpoint: queries go to its own domain (HIBACHI_VECTOR_QUERY_ENDPOINT), with
# the runtime accounts' IAM (aiplatform.user) checked on every call.
resource "google_vertex_ai_index_endpoint" "knowledge" {
  project                 = var.project_id
  region                  = var.region
  display_name            = "myhibachi-knowledge"
  public_endpoint_enabled = true

  depends_on = [google_project_service.api]
}

resource "google_vertex_ai_index_endpoint_deployed_index" "knowledge" {
  index_endpoint    = google_vertex_ai_index_endpoint.knowledge.id
  deployed_index_id = "myhibachi_knowledge"
  display_name      = "myhibachi-knowledge"
  index             = google_vertex_ai_index.knowledge.id

  # The smallest footprint that autoscales: one replica, two at peak.
  dedicated_resources {
    machine_spec {
      machine_type = "e2-standard-2"
    }
    min_replica_count = 1
    max_replica_count = 2
  }
}

# Functions read and write datapoints and query the endpoint; nothing else.
resource "google_project_iam_member" "runtime_vector_search" {
  for_each = local.sa_classes

  project = var.project_id
  role    = "roles/aiplatform.user"
  member  = "serviceAccount:${google_service_account.runtime[each.key].email}"
}
