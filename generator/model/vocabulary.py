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
# Conditional prices (issue 17): what a rate is per, and the service tiers a request may choose.
TOKEN_UNITS = ("input", "output", "cached_input", "cache_write", "cache_write_1h", "reasoning", "input_audio",
               "output_audio", "cached_input_audio", "cache_write_audio", "input_image_token", "output_image_token",
               "cached_input_image_token", "citation")  # rates per million tokens
COUNT_UNITS = ("image", "input_image", "input_pixel", "output_pixel", "input_second", "output_second",
               "input_audio_second", "input_video_second", "output_video_second", "input_character",
               "output_character", "request", "query", "search", "page", "annotation_page", "session")  # per one
PRICE_UNITS = TOKEN_UNITS + COUNT_UNITS
SERVICE_TIERS = ("standard", "batch", "flex", "priority")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
