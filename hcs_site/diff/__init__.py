"""Semantic comparison of two editions of the framework: what a change means, not a YAML diff.

Pure core (no MkDocs): `revisions` loads a side, `compare` produces `Change`s, `format` writes
them for people (text), pull requests (Markdown) and tools (JSON). The site reuses the same
`ChangeSet` for its "What changed" page.
"""
