"""Make a synthetic, valid catalog of N providers x M offerings in a directory.

Canonical models are shared across providers (offering j of provider i serves
model ``(i * 7 + j) % models``), so model pages have long "Offered by" tables
and offering pages list the same model elsewhere, as in the real corpora.
Facts vary deterministically: some prices, limits and features are unknown,
some are 0 (free), some offerings have tiers and price history.

    python benchmarks/synthetic.py OUT_DIR --providers 147 --offerings 36
    python benchmarks/synthetic.py OUT_DIR --providers 8 --offerings 5 --odd-ids

``--odd-ids`` gives offering and model ids holding ``/``, ``:``, ``@`` and
capitals, which must still produce working links.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.model.layout import author_path, model_path, offering_path, provider_path  # noqa: E402

FEATURES = ("tool_calling", "structured_outputs", "reasoning", "streaming", "web_search", "file_attachments")


def make_catalog(out: Path, providers: int, offerings: int, models: int | None = None,
                 authors: int = 12, odd_ids: bool = False) -> Path:
    """Write the catalog under *out* (created) and return *out*."""
    models = models or max(1, min(231, providers * offerings))
    out = Path(out)
    for a in range(authors):
        _write(out, author_path(f"author-{a}"), _author(a))
    model_ids = [_model_id(k, authors, odd_ids) for k in range(models)]
    for k, model_id in enumerate(model_ids):
        _write(out, model_path(model_id), _model(k, model_id))
    for i in range(providers):
        provider_id = f"provider-{i}"
        _write(out, provider_path(provider_id), _provider(i))
        for j in range(offerings):
            offering_id = _offering_id(i, j, odd_ids)
            text = _offering(i, j, offering_id, model_ids[(i * 7 + j) % models], authors)
            _write(out, offering_path(provider_id, offering_id), text)
    return out


def _write(out: Path, rel: str, text: str) -> None:
    path = out / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _model_id(k: int, authors: int, odd: bool) -> str:
    name = f"Model-{k}:Latest@v{k % 3}" if odd and k % 2 else f"model-{k}"
    return f"author-{k % authors}/{name}"


def _offering_id(i: int, j: int, odd: bool) -> str:
    if odd and j % 2:
        return f"Org{i}/Model-{j}:Free@2025"
    return f"model-{j}-p{i}"


def _author(a: int) -> str:
    return f"id: author-{a}\nname: Author {a}\nwebsite: https://author{a}.example.com/\n"


def _model(k: int, model_id: str) -> str:
    lines = [f"id: {_q(model_id)}", f"name: {_q('Model ' + str(k))}", f"authors: [author-{model_id.split('/')[0].split('-')[1]}]",
             f"family: family-{k % 17}", "modalities:", "  input: {text: true" + (", image: true" if k % 4 == 0 else "") + "}",
             "  output: {text: true}"]
    if k % 3:
        lines += [f"release_date: 2025-{1 + k % 12:02d}-{1 + k % 28:02d}", f"knowledge_cutoff: 2024-{1 + k % 12:02d}",
                  f"open_weights: {'true' if k % 2 else 'false'}"]
    return "\n".join(lines) + "\n"


def _provider(i: int) -> str:
    kind = ("none", "fixed", "conditional", "indefinite")[i % 4]
    retention = {"none": "  type: none\n  duration_days: 0\n", "fixed": "  type: fixed\n  duration_days: 30\n",
                 "conditional": "  type: conditional\n", "indefinite": "  type: indefinite\n"}[kind]
    retains = "false" if kind == "none" else "true"
    return (f"id: provider-{i}\nname: Provider {i}\ndescription: Synthetic provider number {i}.\n"
            f"headquarters: City {i}\nwebsite: https://provider{i}.example.com/\n"
            f"authentication:\n  api_key_required: true\n  env: [PROVIDER_{i}_API_KEY]\n"
            f"endpoints:\n  documentation: https://provider{i}.example.com/docs\n"
            f"  chat_completions: https://api.provider{i}.example.com/v1/chat/completions\n"
            f"privacy:\n  retains_user_data: {retains}\n  trains_on_user_data: {'true' if i % 5 == 0 else 'false'}\n"
            f"retention:\n{retention}moderation:\n  content_moderated: {'true' if i % 2 else 'false'}\n"
            f"last_verified: 2026-0{1 + i % 9}-15\n")


def _offering(i: int, j: int, offering_id: str, model_id: str, authors: int) -> str:
    seed = i * 31 + j
    lines = [f"id: {_q(offering_id)}", f"model: {_q(model_id)}", "kind: chat"]
    if seed % 5:
        lines.append(f"context_window: {8192 * (1 + seed % 16)}")
        lines.append(f"max_output_tokens: {4096 * (1 + seed % 2)}")
    lines += _pricing(seed)
    features = [f"  {name}: {'true' if (seed >> n) % 2 else 'false'}" for n, name in enumerate(FEATURES) if (seed + n) % 3]
    if features:
        lines += ["features:"] + features
    lines += [f"status: {('active', 'preview', 'deprecated')[seed % 3]}",
              "sources:", f"  - url: https://provider{i}.example.com/docs/models/{j}", f"    title: Provider {i} model {j}"]
    return "\n".join(lines) + "\n"


def _pricing(seed: int) -> list[str]:
    if seed % 7 == 0:
        return []
    price = ["pricing:", "  currency: USD", f"  input: {(seed % 40) * 0.025:.3f}".rstrip("0").rstrip(".") if seed % 11 else "  input: 0"]
    price.append(f"  output: {(seed % 60) * 0.05 + 0.1:.2f}")
    if seed % 4 == 0:
        price.append(f"  cached_input: {(seed % 40) * 0.0125:.4f}")
    if seed % 9 == 0:
        price += ["  tiers:", "    - above_tokens: 200000", f"      input: {(seed % 40) * 0.05 + 0.5:.2f}"]
    if seed % 13 == 0:
        price += ["  effective_from: 2025-06-01", "  history:", "    - effective_from: 2025-01-01", "      input: 9.5", "      output: 19"]
    return price


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--providers", type=int, default=147)
    parser.add_argument("--offerings", type=int, default=36, help="offerings per provider")
    parser.add_argument("--models", type=int, default=None, help="canonical models (default min(231, N*M))")
    parser.add_argument("--odd-ids", action="store_true", help="ids holding '/', ':', '@' and capitals")
    args = parser.parse_args(argv)
    make_catalog(args.out, args.providers, args.offerings, args.models, odd_ids=args.odd_ids)
    return 0


if __name__ == "__main__":
    sys.exit(main())
