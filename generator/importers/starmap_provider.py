"""A starmap ``providers.yaml`` entry or ``authors.yaml`` entry -> our provider or author document.

Credentials become ``authentication``: the first inference alternative whose profile is an API
key gives the header, scheme and environment variables; ``api_key_required`` is true only when
every inference alternative is an API key.  URL templates (``{base_url}/v1/models``) are filled
from the credential fields' defaults where starmap gives one; otherwise they are reported.
"""

from __future__ import annotations

import re

from generator.importers import models_dev_map as m
from generator.importers import starmap_map as s
from generator.importers.models_dev_map import Context, is_bool, url
from generator.model.vocabulary import MODELS_API_SHAPES

PROVIDER_KEYS = frozenset({"id", "name", "headquarters", "docs_url", "status_page_url", "credentials", "catalog",
                           "inference", "privacy_policy", "retention_policy", "governance_policy", "extensions"})
PROVIDER_UNMAPPED = frozenset({"aliases", "description", "icon_url"})
COMPONENT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")  # as the provider schema has it
AUTHOR_LINKS = {"huggingface": "Hugging Face", "github": "GitHub", "twitter": "X (Twitter)"}
AUTHOR_KEYS = frozenset({"id", "name", "website"} | set(AUTHOR_LINKS))
AUTHOR_UNMAPPED = frozenset({"description", "icon_url", "headquarters", "aliases", "catalog"})
PRIVACY = {"privacy_policy_url": "privacy_policy", "terms_of_service_url": "terms_of_service",
           "retains_data": "retains_user_data", "trains_on_data": "trains_on_user_data"}
MODERATION = {"moderation_required": "requires_moderation", "moderated": "content_moderated",
              "moderator": "moderated_by"}


def provider(ctx: Context, raw: dict) -> dict:
    s.check_keys(ctx, raw, PROVIDER_KEYS, PROVIDER_UNMAPPED)
    data = {"id": raw["id"], "name": m.text(ctx, "name", raw.get("name", raw["id"])) or raw["id"]}
    _put(data, "headquarters", raw, "headquarters", lambda v: m.text(ctx, "headquarters", v))
    _put(data, "status_page", raw, "status_page_url", lambda v: url(ctx, "status_page_url", v))
    auth, variables = authentication(ctx, s.table(ctx, "credentials", raw.get("credentials", {})))
    parts = {"authentication": auth, "endpoints": endpoints(ctx, raw, variables),
             "privacy": privacy(ctx, raw["privacy_policy"]) if "privacy_policy" in raw else {},
             "retention": retention(ctx, raw["retention_policy"]) if "retention_policy" in raw else {},
             "moderation": moderation(ctx, raw["governance_policy"]) if "governance_policy" in raw else {},
             "monitoring": monitoring(ctx, raw)}
    data.update({key: value for key, value in parts.items() if value})
    _put(data, "sdk_package", raw, "extensions", lambda v: _extensions(ctx, v))
    return data


def _put(data: dict, ours: str, raw: dict, theirs: str, convert) -> None:
    """*convert* of ``raw[theirs]`` as ``data[ours]``; starmap's null (unknown) stays unknown."""
    if raw.get(theirs) is not None and (value := convert(raw[theirs])) is not None:
        data[ours] = value


def _by_id(items) -> dict:
    return {i["id"]: i for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)} \
        if isinstance(items, list) else {}


def authentication(ctx: Context, creds: dict) -> tuple[dict, dict]:
    """Our authentication block and the URL variables the credential fields give defaults for."""
    s.check_keys(ctx, creds, {"fields", "profiles", "inference"}, {"catalog_acquisition"}, "credentials.")
    fields, profiles = _by_id(creds.get("fields")), _by_id(creds.get("profiles"))
    variables = {b["variable"]: fields[b["field"]]["default"] for p in profiles.values()
                 for b in p.get("endpoint_bindings") or [] if isinstance(b, dict)
                 and isinstance(b.get("variable"), str) and isinstance(fields.get(b.get("field"), {}).get("default"), str)}
    for profile in profiles.values():
        s.check_keys(ctx, profile, {"id", "primitive", "fields", "placements", "endpoint_bindings"},
                     {"scopes", "protocol_options"}, "credentials.profiles.")
    inference = s.table(ctx, "credentials.inference", creds.get("inference", {}))
    alternatives = [a for a in inference.get("alternatives") or [] if isinstance(a, str)]
    keyed = [a for a in alternatives if profiles.get(a, {}).get("primitive") == "api-key"]
    out = _api_key(ctx, profiles[keyed[0]], fields) if keyed else {}
    required = inference.get("required")
    if is_bool(required) and alternatives:
        out["api_key_required"] = required and len(keyed) == len(alternatives)
    elif required is not None:
        ctx.invalid("credentials.inference.required", required, "is not true or false")
    return out, variables


def _api_key(ctx: Context, profile: dict, fields: dict) -> dict:
    placements = [p for p in profile.get("placements") or [] if isinstance(p, dict) and p.get("kind") == "header"
                  and fields.get(p.get("field"), {}).get("kind") == "secret"]
    if not placements:
        return {}
    out = s.header(ctx, placements[0])
    env = fields[placements[0]["field"]].get("environment")
    if isinstance(env, list) and env and all(isinstance(e, str) and m._ENV.fullmatch(e) for e in env):
        out["env"] = env
    elif env is not None:
        ctx.invalid("credentials.fields.environment", env, "is not a list of environment variable names")
    return out


def endpoints(ctx: Context, raw: dict, variables: dict) -> dict:
    out = {}
    _put(out, "documentation", raw, "docs_url", lambda v: url(ctx, "docs_url", v))
    catalog = s.table(ctx, "catalog", raw.get("catalog", {}))
    s.check_keys(ctx, catalog, {"endpoint"}, {"docs"}, "catalog.")
    endpoint = s.table(ctx, "catalog.endpoint", catalog.get("endpoint", {}))
    s.check_keys(ctx, endpoint, {"url", "type"}, {"protocol_options", "author_mapping", "field_mappings",
                                                  "capability_mappings"}, "catalog.endpoint.")
    _put(out, "models", endpoint, "url", lambda v: s.expand(ctx, "catalog.endpoint.url", v, variables))
    inference = s.table(ctx, "inference", raw.get("inference", {}))
    s.check_keys(ctx, inference, {"base_url", "endpoints", "health_api_url", "health_components"}, (), "inference.")
    _put(out, "base_url", inference, "base_url", lambda v: s.expand(ctx, "inference.base_url", v, variables))
    _put(out, "health", inference, "health_api_url", lambda v: url(ctx, "inference.health_api_url", v))
    for i, entry in enumerate(inference.get("endpoints") or []):
        _operation(ctx, f"inference.endpoints[{i}]", s.table(ctx, f"inference.endpoints[{i}]", entry),
                   inference.get("base_url"), variables, out)
    return out


def monitoring(ctx: Context, raw: dict) -> dict:
    """The models API's shape (``catalog.endpoint.type``) and the status page's components of the API
    (``inference.health_components``); a shape check-live cannot read (google-cloud) is counted unmapped."""
    out = {}
    endpoint = (raw.get("catalog") or {}).get("endpoint") if isinstance(raw.get("catalog"), dict) else None
    shape = endpoint.get("type") if isinstance(endpoint, dict) else None
    if shape in MODELS_API_SHAPES:
        out["models_api_shape"] = shape
    elif isinstance(shape, str):
        ctx.unmapped("catalog.endpoint.type")
    elif shape is not None:
        ctx.invalid("catalog.endpoint.type", shape, "is not a string")
    inference = raw.get("inference") if isinstance(raw.get("inference"), dict) else {}
    components = [_component(ctx, f"inference.health_components[{i}]", item)
                  for i, item in enumerate(inference.get("health_components") or [])]
    if components and None not in components:
        out["health_components"] = components
    return out


def _component(ctx: Context, key: str, item) -> dict | None:
    if isinstance(item, dict) and all(isinstance(item.get(k), str) and item[k] for k in ("id", "name")) \
            and COMPONENT_ID.fullmatch(item["id"]) and m.text(ctx, key, item["name"]):
        return {"id": item["id"], "name": item["name"]}
    ctx.invalid(key, item, "is not a component with an id (letters, digits, - and _) and a name")
    return None


def _operation(ctx: Context, key: str, entry: dict, base, variables: dict, out: dict) -> None:
    s.check_keys(ctx, entry, {"operation", "type", "path"},
                 {"stream_path", "paths_by_author", "protocols_by_author", "stream_paths_by_author"}, "inference.endpoints.")
    operation = entry.get("operation")
    if operation == "chat-completions":
        field = "messages" if entry.get("type") == "anthropic" else "chat_completions"
    elif operation in s.OPERATIONS:
        field = s.OPERATIONS[operation]
    else:
        ctx.unmapped(f"inference.endpoints.{operation}")
        return
    path = entry.get("path")
    if not isinstance(base, str) or not isinstance(path, str):
        ctx.invalid(f"{key}.path", path, "has no base_url and path to join")
    elif field not in out and (address := s.expand(ctx, f"{key}.path", base.rstrip("/") + path, variables)):
        out[field] = address


def privacy(ctx: Context, raw) -> dict:
    raw, out = s.table(ctx, "privacy_policy", raw), {}
    s.check_keys(ctx, raw, PRIVACY, (), "privacy_policy.")
    for theirs, ours in PRIVACY.items():
        if theirs.endswith("_url"):
            _put(out, ours, raw, theirs, lambda v, k=theirs: url(ctx, f"privacy_policy.{k}", v))
        else:
            _put(out, ours, raw, theirs, lambda v, k=theirs: v if is_bool(v) else ctx.invalid(f"privacy_policy.{k}", v, "is not true or false"))
    return out


def retention(ctx: Context, raw) -> dict:
    raw, out = s.table(ctx, "retention_policy", raw), {}
    s.check_keys(ctx, raw, {"type", "duration"}, {"details"}, "retention_policy.")
    _put(out, "type", raw, "type", lambda v: v if v in s.RETENTION else ctx.invalid(
        "retention_policy.type", v, f"is not one of {', '.join(s.RETENTION)}"))
    if "duration" in raw and out.get("type") == "indefinite":
        ctx.invalid("retention_policy.duration", raw["duration"], "is given for an indefinite policy, which has no duration")
    else:
        _put(out, "duration_days", raw, "duration", lambda v: s.duration_days(ctx, "retention_policy.duration", v))
    return out


def moderation(ctx: Context, raw) -> dict:
    raw, out = s.table(ctx, "governance_policy", raw), {}
    s.check_keys(ctx, raw, MODERATION, (), "governance_policy.")
    for theirs, ours in MODERATION.items():
        check = (lambda v, k=theirs: m.text(ctx, f"governance_policy.{k}", v)) if theirs == "moderator" else \
            (lambda v, k=theirs: v if is_bool(v) else ctx.invalid(f"governance_policy.{k}", v, "is not true or false"))
        _put(out, ours, raw, theirs, check)
    return out


def _extensions(ctx: Context, raw) -> str | None:
    """``extensions.models.dev.fields.npm`` is the AI SDK package; other extensions have no field."""
    npm = None
    for name, value in sorted(s.table(ctx, "extensions", raw).items(), key=lambda kv: str(kv[0])):
        fields = value.get("fields") if name == "models.dev" and isinstance(value, dict) else None
        if not isinstance(fields, dict):
            ctx.unmapped(f"extensions.{name}")
            continue
        s.check_keys(ctx, fields, {"npm"}, {"api"}, "extensions.models.dev.fields.")
        npm = m.text(ctx, "extensions.models.dev.fields.npm", fields["npm"]) if "npm" in fields else None
    return npm


def author(ctx: Context, raw: dict) -> dict:
    s.check_keys(ctx, raw, AUTHOR_KEYS, AUTHOR_UNMAPPED)
    data = {"id": raw["id"], "name": m.text(ctx, "name", raw.get("name", raw["id"])) or raw["id"]}
    _put(data, "website", raw, "website", lambda v: url(ctx, "website", v))
    links = [{"label": label, "url": address} for key, label in AUTHOR_LINKS.items()
             if key in raw and (address := url(ctx, key, raw[key]))]
    if links:
        data["links"] = links
    return data
