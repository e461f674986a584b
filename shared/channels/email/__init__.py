"""Email: a webhook for inbound mail, SMTP with TLS out, replies threaded in the mailbox."""
