"""Ingestion: sniff type -> extract text -> split -> embed -> index -> mark ready."""
