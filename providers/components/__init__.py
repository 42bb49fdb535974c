"""Built-in node types. Each module declares one ``COMPONENT`` and its executor."""
