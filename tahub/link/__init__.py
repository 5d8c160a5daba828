"""Linking: records that belong together (ads posted by one operator, reports of one incident).

Pure functions over batches, like `enrich`: no database, so the same code runs in a local
process pool or on a cluster. Identifiers are compared as keyed hashes, never raw.
"""
