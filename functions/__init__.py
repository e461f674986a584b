"""One thin module per Cloud Function; `manifest.py` lists them all."""
