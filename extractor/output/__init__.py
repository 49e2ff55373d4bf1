"""The output contract: pydantic models, JSON and CSV records."""
