"""Tools the agents call: typed functions whose signatures and docstrings are the schemas."""
