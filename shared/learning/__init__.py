"""The learning loop: a student model in shadow beside the teacher, per-channel readiness
gates, and the student answering live once a gate is proven and approved.

shadow (re-run each turn on the other model, no customer exposure) -> agreement (judged
per component) -> pairs (stored with running tallies per channel x intent) -> gates
(Wilson bound, approval by the named role, automatic close) -> report (readiness table).
"""
