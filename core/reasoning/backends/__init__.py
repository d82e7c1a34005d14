"""One module per LLM backend; ``core.reasoning.llm`` picks one and holds it."""
