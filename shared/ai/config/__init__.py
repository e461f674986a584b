"""The AI configuration: agent prompts, tones and tools, house rules, the router and cache
thresholds and the learning gates, as one versioned document (like the price book).

model - the document and its shipped default; gates - the learning readiness table it
carries; store - publish, current, rollback; diff - what changed between two versions;
admin - what admin-ai-config takes and answers.
"""
