"""The app shell (composition root): the only code that knows which adapter serves which
port. It builds one container per process, wraps each function module into an entry
point, runs jobs, seeds demo data and hosts the dev runtime. Domains never import it."""
