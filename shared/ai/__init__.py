"""The AI agent: providers, routing, agents, tools, validation and the chat turn."""
