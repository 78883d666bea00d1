"""Move Python code from Anthropic's legacy Text Completions API to the Messages API."""

__version__ = "0.2.0"
