"""Phone calls: RingCentral call recordings, transcribed by Deepgram, answered by text."""
