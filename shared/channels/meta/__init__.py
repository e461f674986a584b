"""Meta channels: WhatsApp, Messenger and Instagram share one verified webhook and the Graph API."""
