"""The command line and what it prints: the typer app and its commands, the fast
entry point, interactive review, the report formats (text, JSON, SARIF, GitHub),
baselines and the rule documentation pages.

The top layer, and the only one that imports ``typer`` or ``rich``.
"""
