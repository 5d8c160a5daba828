"""Enrichment: pure functions over batches of texts (language, relevance, golden tags, places,
dates, victims, PII redaction). No database access here: the same functions run in a local
process pool and inside Spark.
"""

from tahub.enrich.text_pipeline import enrich_texts

__all__ = ["enrich_texts"]
