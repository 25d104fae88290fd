"""Vocabularies and patterns of the extraction package (YAML/TSV), read via ``resources``."""
