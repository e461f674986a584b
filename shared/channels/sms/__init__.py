"""SMS through RingCentral: the verified webhook, STOP/HELP compliance and the sender."""
