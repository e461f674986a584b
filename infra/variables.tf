# Inputs. Everything about functions, topics, queues and secrets comes from the
# manifest (locals.tf), not from here: these are only per-environment facts.

variable "project_id" {
  description = "Google Cloud project that hosts the platform."
  type        = string
}

variable "region" {
  description = "Region for functions, Firestore, queues and scheduler jobs."
  type        = string
  default     = "us-west2"
}

variable "source_bucket" {
  description = "Name of the bucket that holds the function source zips (globally unique)."
  type        = string
}

variable "source_version" {
  description = <<-EOT
    Version of the function sources to deploy: Cloud Build uploads each function as
    gs://<source_bucket>/functions/<name>-<source_version>.zip and passes $SHORT_SHA here.
    Only names are derived from it, so `terraform plan` needs no local files.
  EOT
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]+$", var.source_version))
    error_message = "source_version must be a plain token such as a short git SHA."
  }
}

variable "cors_origins" {
  description = "Browser origins allowed to call the HTTP functions (the web and admin front ends)."
  type        = list(string)

  validation {
    condition     = length(var.cors_origins) > 0 && alltrue([for o in var.cors_origins : can(regex("^https://", o))])
    error_message = "cors_origins must list at least one https:// origin; production never allows localhost."
  }
}

variable "web_base_url" {
  description = "Public web front end (https), where customers manage bookings and land after paying."
  type        = string

  validation {
    condition     = can(regex("^https://[^/]+$", var.web_base_url))
    error_message = "web_base_url must be an https:// origin without a trailing slash."
  }
}

variable "alert_email" {
  description = "Where to send alerts (dead-lettered messages, 5xx bursts). Null or empty disables alerting."
  type        = string
  default     = null

  validation {
    condition     = var.alert_email == null ? true : (var.alert_email == "" || can(regex("^[^@\\s]+@[^@\\s]+$", var.alert_email)))
    error_message = "alert_email must be an email address, or empty to disable alerting."
  }
}

variable "training_export_bucket" {
  description = "Bucket for training-data exports (globally unique); default: <project_id>-training-exports."
  type        = string
  default     = null
}

variable "analytics_dataset" {
  description = "BigQuery dataset of the analytics events (the admin reports query it)."
  type        = string
  default     = "analytics"
}

variable "analytics_retention_days" {
  description = "Days an analytics event is kept (its day partition then expires)."
  type        = number
  default     = 1095

  validation {
    condition     = var.analytics_retention_days >= 30
    error_message = "Keep at least 30 days: the reports look back a month by default."
  }
}

# Marketing intelligence (README "Marketing intelligence"): empty until the accounts are
# connected; until then the marketing functions answer naming the setting they lack.
variable "google_ads_customer_id" {
  description = "Google Ads account id, digits only (e.g. 1234567890)."
  type        = string
  default     = ""
}

variable "google_ads_login_customer_id" {
  description = "Manager (MCC) account id the ads account is reached through; empty if none."
  type        = string
  default     = ""
}

variable "google_ads_conversion_action_id" {
  description = "Id of the offline (import) conversion action paid deposits are uploaded to."
  type        = string
  default     = ""
}

variable "search_console_site" {
  description = "Search Console property, e.g. sc-domain:myhibachi.com."
  type        = string
  default     = ""
}

variable "ga4_property_id" {
  description = "GA4 property id (digits)."
  type        = string
  default     = ""
}
