"""Bring outside data into the hub: tables, feeds, documents, ads."""
