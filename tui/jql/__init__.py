"""JQL in the editor: tokens for highlighting, completion, and the query history.

Pure functions and plain files, no Textual; nothing here raises on half-typed JQL.
"""
