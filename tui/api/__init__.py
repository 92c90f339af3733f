"""Thin clients for the remote APIs: they build requests and decode responses into `tui.models`.

Nothing here sends a request: `jira.JiraApi` returns `Call`s that the store's http layer runs
(auth, retries, coalescing, counters), so the api layer stays pure and testable.
"""
