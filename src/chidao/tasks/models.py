"""Models of this domain (see DESIGN.md)."""
