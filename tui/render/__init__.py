"""Rendering of Jira text: ADF, wiki markup and legacy HTML to Rich; Markdown to ADF / wiki.

Pure functions, no Textual. Every string from the server passes through `safe` first.
"""
