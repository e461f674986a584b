"""Customer channels: inbound normalisation and outbound delivery per channel."""
