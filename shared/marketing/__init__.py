"""Growth: newsletters and SMS campaigns, compliant by construction (consent, STOP
everywhere, quiet hours, frequency cap, one-click unsubscribe, staff approval)."""
