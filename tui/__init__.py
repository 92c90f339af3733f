"""jiradash: a keyboard-driven terminal dashboard for Jira."""

__version__ = "0.1.0"
