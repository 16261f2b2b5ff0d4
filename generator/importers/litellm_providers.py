"""Which of our providers each LiteLLM ``litellm_provider`` value is.

A value missing from :data:`PROVIDERS` is not guessed: its entries are
skipped and reported as ``unmapped-provider``.  The table is documented in
README: Importing from models.dev and LiteLLM.  Ids follow models.dev's where
models.dev has the provider, so both importers fill the same files.

Each row: our provider id, its display name, and the key prefixes LiteLLM puts
before the provider's own model id (``cerebras/gpt-oss-120b`` -> ``gpt-oss-120b``).
"""

from __future__ import annotations

from typing import NamedTuple


class Target(NamedTuple):
    provider_id: str
    name: str
    prefixes: tuple[str, ...]


def _row(provider_id: str, name: str, *prefixes: str) -> Target:
    return Target(provider_id, name, prefixes)


PROVIDERS: dict[str, Target] = {
    "ai21": _row("ai21", "AI21 Labs", "ai21"),
    "aiml": _row("aimlapi", "AI/ML API", "aiml"),
    "aleph_alpha": _row("aleph-alpha", "Aleph Alpha", "aleph_alpha"),
    "anthropic": _row("anthropic", "Anthropic", "anthropic"),
    "amazon_nova": _row("nova", "Nova", "amazon-nova", "amazon_nova"),
    "anyscale": _row("anyscale", "Anyscale", "anyscale"),
    "assemblyai": _row("assemblyai", "AssemblyAI", "assemblyai"),
    "aws_polly": _row("aws-polly", "Amazon Polly", "aws_polly"),
    "azure": _row("azure", "Azure", "azure"),
    "azure_text": _row("azure", "Azure", "azure_text", "azure"),
    "azure_ai": _row("azure-ai", "Azure AI Foundry", "azure_ai"),
    "bedrock": _row("amazon-bedrock", "Amazon Bedrock", "bedrock"),
    "bedrock_converse": _row("amazon-bedrock", "Amazon Bedrock", "bedrock_converse", "bedrock"),
    "bedrock_mantle": _row("amazon-bedrock", "Amazon Bedrock", "bedrock_mantle", "bedrock"),
    "black_forest_labs": _row("black-forest-labs", "Black Forest Labs", "black_forest_labs"),
    "cerebras": _row("cerebras", "Cerebras", "cerebras"),
    "cloudflare": _row("cloudflare-workers-ai", "Cloudflare Workers AI", "cloudflare"),
    "cohere": _row("cohere", "Cohere", "cohere"),
    "cohere_chat": _row("cohere", "Cohere", "cohere_chat", "cohere"),
    "dashscope": _row("alibaba", "Alibaba", "dashscope"),
    "databricks": _row("databricks", "Databricks", "databricks"),
    "deepgram": _row("deepgram", "Deepgram", "deepgram"),
    "deepinfra": _row("deepinfra", "DeepInfra", "deepinfra"),
    "deepseek": _row("deepseek", "DeepSeek", "deepseek"),
    "elevenlabs": _row("elevenlabs", "ElevenLabs", "elevenlabs"),
    "fal_ai": _row("fal", "fal", "fal_ai"),
    "featherless_ai": _row("featherless", "Featherless", "featherless_ai"),
    "fireworks_ai": _row("fireworks-ai", "Fireworks AI", "fireworks_ai"),
    "fireworks_ai-embedding-models": _row("fireworks-ai", "Fireworks AI", "fireworks_ai"),
    "friendliai": _row("friendli", "Friendli", "friendliai"),
    "gigachat": _row("gigachat", "GigaChat", "gigachat"),
    "gemini": _row("google", "Google", "gemini"),
    "github_copilot": _row("github-copilot", "GitHub Copilot", "github_copilot"),
    "gmi": _row("gmicloud", "GMI Cloud", "gmi"),
    "gradient_ai": _row("digitalocean", "DigitalOcean", "gradient_ai"),
    "groq": _row("groq", "Groq", "groq"),
    "heroku": _row("heroku", "Heroku", "heroku"),
    "hyperbolic": _row("hyperbolic", "Hyperbolic", "hyperbolic"),
    "jina_ai": _row("jina-ai", "Jina AI", "jina_ai"),
    "lambda_ai": _row("lambda", "Lambda", "lambda_ai"),
    "llamagate": _row("llamagate", "LlamaGate", "llamagate"),
    "meta_llama": _row("llama", "Llama", "meta_llama"),
    "minimax": _row("minimax", "MiniMax", "minimax"),
    "mistral": _row("mistral", "Mistral", "mistral"),
    "moonshot": _row("moonshotai", "Moonshot AI", "moonshot"),
    "morph": _row("morph", "Morph", "morph"),
    "nebius": _row("nebius", "Nebius", "nebius"),
    "novita": _row("novita-ai", "NovitaAI", "novita"),
    "nlp_cloud": _row("nlp-cloud", "NLP Cloud", "nlp_cloud"),
    "nscale": _row("nscale", "Nscale", "nscale"),
    "nvidia_nim": _row("nvidia", "Nvidia", "nvidia_nim"),
    "oci": _row("oci", "OCI Generative AI", "oci"),
    "openai": _row("openai", "OpenAI", "openai"),
    "text-completion-openai": _row("openai", "OpenAI", "text-completion-openai", "openai"),
    "openrouter": _row("openrouter", "OpenRouter", "openrouter"),
    "ovhcloud": _row("ovhcloud", "OVHcloud AI Endpoints", "ovhcloud"),
    "perplexity": _row("perplexity", "Perplexity", "perplexity"),
    "publicai": _row("publicai", "Public AI", "publicai"),
    "recraft": _row("recraft", "Recraft", "recraft"),
    "replicate": _row("replicate", "Replicate", "replicate"),
    "runwayml": _row("runway", "Runway", "runwayml"),
    "sambanova": _row("sambanova", "SambaNova", "sambanova"),
    "sarvam": _row("sarvam", "Sarvam AI", "sarvam"),
    "snowflake": _row("snowflake-cortex", "Snowflake Cortex", "snowflake"),
    "stability": _row("stability-ai", "Stability AI", "stability"),
    "together_ai": _row("togetherai", "Together AI", "together_ai"),
    "v0": _row("v0", "v0", "v0"),
    "vercel_ai_gateway": _row("vercel", "Vercel AI Gateway", "vercel_ai_gateway"),
    "voyage": _row("voyage-ai", "Voyage AI", "voyage"),
    "volcengine": _row("volcengine", "Volcano Engine", "volcengine"),
    "wandb": _row("wandb", "Weights & Biases", "wandb"),
    "watsonx": _row("ibm-watsonx", "IBM watsonx.ai", "watsonx"),
    "xai": _row("xai", "xAI", "xai"),
    "zai": _row("zai", "Z.AI", "zai"),
    **{
        f"vertex_ai-{kind}": _row("google-vertex", "Vertex", "vertex_ai")
        for kind in ("language-models", "mistral_models", "llama_models", "ai21_models", "qwen_models",
                     "deepseek_models", "zai_models", "openai_models", "minimax_models", "moonshot_models",
                     "embedding-models", "image-models", "video-models", "text-models")
    },
    "vertex_ai": _row("google-vertex", "Vertex", "vertex_ai"),
    "vertex_ai-anthropic_models": _row("google-vertex-anthropic", "Vertex (Anthropic)", "vertex_ai"),
}

# Every other ``litellm_provider`` value in LiteLLM's file, with the reason the report gives
# (tests/test_import_corpus.py checks that the two tables cover the corpus exactly).
_SEARCH = "a web search API, not a model provider"
UNMAPPED_WHY = {
    "ollama": "a local runtime, not a hosted provider",
    "lemonade": "a local runtime, not a hosted provider",
    "sagemaker": "models deployed on the user's own endpoints",
    "palm": "the retired PaLM API",
    "chatgpt": "the ChatGPT subscription, not an API provider",
    "codestral": "Mistral's Codestral endpoint; its models come from the `mistral` entries",
    "text-completion-codestral": "Mistral's Codestral endpoint; its models come from the `mistral` entries",
    **dict.fromkeys(("dataforseo", "duckduckgo", "exa_ai", "firecrawl", "google_pse", "linkup", "parallel_ai",
                     "searxng", "serper", "tavily"), _SEARCH),
}
