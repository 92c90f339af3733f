"""The embedded sandbox: a stateful fake Jira (platform REST, Skills for Jira, devinfo) as ASGI.

Only the CLI and the demo wiring import this package.
"""
