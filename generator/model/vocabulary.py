"""Names shared by the schemas and their readers: modalities, features, price fields, kinds, statuses,
reasoning options.

Kept apart from :mod:`generator.model.records` (whose dataclasses take a while to
create) so that validating does not have to import the catalog objects.
"""

MODALITIES = ("text", "image", "audio", "video", "pdf")
FEATURES = (
    "tool_calling", "tool_choice", "structured_outputs", "json_mode", "reasoning",
    "streaming", "web_search", "file_attachments", "temperature",
)
PRICE_FIELDS = ("input", "output", "cached_input", "cache_write", "reasoning", "input_audio", "output_audio")
KINDS = ("chat", "completion", "embedding", "rerank", "moderation", "image_generation", "image_edit",
         "video_generation", "speech", "transcription", "realtime", "ocr", "search")
STATUSES = ("alpha", "preview", "active", "deprecated", "retired")
REASONING_OPTIONS = ("toggle", "effort", "budget_tokens")
EFFORTS = ("none", "minimal", "low", "medium", "high", "xhigh", "max", "default", "json_null")
REASONING_FIELDS = ("reasoning_content", "reasoning_details")
API_SHAPES = ("responses", "completions")
MODELS_API_SHAPES = ("openai", "anthropic", "google")  # how a models API answers (provcat check-live)
