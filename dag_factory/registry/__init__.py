"""The component registry: every node type, declared once."""
