"""Exports that let a framework travel: CASE 1.0, a static JSON API, spreadsheets (whose layout
`import_/` reads back).

Core code: it reads the model and returns data (dicts, bytes, text); it never imports MkDocs.
The CLI commands and the MkDocs plugin decide where the results are written.
"""
