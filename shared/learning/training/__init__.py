"""Training data for the learning loop: AI turns scored by what followed them, reviewed by
staff, scrubbed of personal data and exported for fine-tuning (OpenAI chat, Vertex AI
Gemini) with a LoRA config beside each file."""
