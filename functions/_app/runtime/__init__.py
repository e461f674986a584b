"""The local runtime: every function in one process, with events, tasks and cron."""
