"""Analysts' tools over an output folder: SQL, a review page, a diff, the data dictionary.

Each module is plain functions that read the Parquet tables and return data
(rows, tables, HTML text); the CLI prints or saves what they return.
"""
