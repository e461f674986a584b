"""`make bench`: performance figures, printed as numbers and ratios (never asserted).

One module per figure; `python -m scripts.bench` runs them all in order.
"""
