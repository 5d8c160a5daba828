"""Who may see what: organisations, users, roles, tokens, sharing policy, audit, disclosure.

`policy.py` is the single place that decides visibility; every read path (API, web, CLI,
export) filters through `listable_sources` / `countable_sources` and writes `audit.record`.
"""
