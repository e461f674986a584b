"""The MyHibachi application: one sub-package per domain, cloud access behind platform ports."""
