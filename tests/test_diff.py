"""``provcat diff`` and generator.catalog.diff: two copies of the rich fixture with known edits."""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from generator.catalog.diff import diff_catalogs
from generator.catalog.load import load_catalog
from generator.cli import main

from .conftest import ROOT

RICH = ROOT / "tests" / "fixtures" / "rich"
QWQ = "providers/alpha/models/qwen-qwq-32b~713c58296b.yaml"
CLAUDE = "providers/alpha/models/claude-2024-1~7f54f90eb0.yaml"
EDITS = {  # file -> (old text, new text): one known change each
    QWQ: [("  input: 0.1\n", "  input: 0.05\n"), ("  reasoning: 0.5\n", "")],  # a price cut; a rate now unknown
    CLAUDE: [("currency: EUR", "currency: USD"), ("status: deprecated", "status: retired\nretirement_date: 2025-09-30")],
    "providers/alpha/provider.yaml": [("retains_user_data: false", "retains_user_data: true"), ("  type: none\n  duration_days: 0\n", "  type: fixed\n  duration_days: 30\n")],
    "providers/beta/models/big-model.yaml": [("kind: chat\n", "kind: chat\nmax_output_tokens: 4096\n")],
}
ADDED = "providers/alpha/models/new-model.yaml"
REMOVED = "providers/alpha/models/mystery.yaml"


def edited_copy(target: Path) -> Path:
    shutil.copytree(RICH, target)
    for rel, replacements in EDITS.items():
        path = target / rel
        content = path.read_text()
        for old, new in replacements:
            assert old in content, (rel, old)
            content = content.replace(old, new, 1)
        path.write_text(content)
    (target / ADDED).write_text("id: new-model\npricing:\n  input: 1\n")
    (target / REMOVED).unlink()
    return target


@pytest.fixture
def edited(tmp_path) -> Path:
    return edited_copy(tmp_path / "new")


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main(["diff", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


TEXT = """\
1 offering added, 1 offering removed, 11 changes

Offerings added:
  + alpha/new-model

Offerings removed:
  - alpha/mystery

Provider alpha:
  privacy.retains_user_data: No -> Yes
  retention.type: none -> fixed
  retention.duration_days: 0 -> 30

Offering alpha/Qwen/QwQ-32B:
  pricing.input: $0.10/1M -> $0.05/1M (-50.0%)
  pricing.reasoning: $0.50/1M -> N/A (no longer known)

Offering alpha/claude@2024:1:
  pricing.currency: EUR -> USD
  pricing.input: €3.00/1M -> $3.00/1M (other currency)
  pricing.output: €15.00/1M -> $15.00/1M (other currency)
  status: deprecated -> retired
  retirement_date: N/A -> 2025-09-30 (now known)

Offering beta/big-model:
  max_output_tokens: N/A -> 4,096 (now known)
"""

MARKDOWN = """\
## Catalog changes

1 offering added, 1 offering removed, 11 changes.

### Offerings added

- alpha/new-model

### Offerings removed

- alpha/mystery

### Provider changes

| Provider | Fact | Old | New | Change |
| --- | --- | --- | --- | --- |
| alpha | privacy.retains_user_data | No | Yes |  |
| alpha | retention.type | none | fixed |  |
| alpha | retention.duration_days | 0 | 30 |  |

### Offering changes

| Offering | Fact | Old | New | Change |
| --- | --- | --- | --- | --- |
| alpha/Qwen/QwQ-32B | pricing.input | $0.10/1M | $0.05/1M | -50.0% |
| alpha/Qwen/QwQ-32B | pricing.reasoning | $0.50/1M | N/A | no longer known |
| alpha/claude@2024:1 | pricing.currency | EUR | USD |  |
| alpha/claude@2024:1 | pricing.input | €3.00/1M | $3.00/1M | other currency |
| alpha/claude@2024:1 | pricing.output | €15.00/1M | $15.00/1M | other currency |
| alpha/claude@2024:1 | status | deprecated | retired |  |
| alpha/claude@2024:1 | retirement_date | N/A | 2025-09-30 | now known |
| beta/big-model | max_output_tokens | N/A | 4,096 | now known |
"""


def _price(field, old, new, old_cur, new_cur, percent, note=None, subject="alpha/Qwen/QwQ-32B"):
    return {"scope": "offering", "subject": subject, "kind": "price", "field": field, "old": old, "new": new,
            "note": note, "old_currency": old_cur, "new_currency": new_cur, "percent": percent}


def _fact(scope, subject, kind, field, old, new, note=None):
    return {"scope": scope, "subject": subject, "kind": kind, "field": field, "old": old, "new": new, "note": note}


CLAUDE_REF = "alpha/claude@2024:1"
CHANGES = [
    _fact("provider", "alpha", "privacy", "privacy.retains_user_data", False, True),
    _fact("provider", "alpha", "retention", "retention.type", "none", "fixed"),
    _fact("provider", "alpha", "retention", "retention.duration_days", 0, 30),
    _price("pricing.input", "0.1", "0.05", "USD", "USD", -50.0),
    _price("pricing.reasoning", "0.5", None, "USD", None, None, "no longer known"),
    _fact("offering", CLAUDE_REF, "price", "pricing.currency", "EUR", "USD"),
    _price("pricing.input", "3", "3", "EUR", "USD", None, subject=CLAUDE_REF),
    _price("pricing.output", "15", "15", "EUR", "USD", None, subject=CLAUDE_REF),
    _fact("offering", CLAUDE_REF, "status", "status", "deprecated", "retired"),
    _fact("offering", CLAUDE_REF, "lifecycle", "retirement_date", None, "2025-09-30", "now known"),
    _fact("offering", "beta/big-model", "limit", "max_output_tokens", None, 4096, "now known"),
]


def test_text_lists_every_known_edit_grouped_and_sorted(edited, capsys):
    assert run(capsys, RICH, edited) == (1, TEXT, "")


def test_markdown_for_release_notes(edited, capsys):
    assert run(capsys, RICH, edited, "--format", "markdown") == (1, MARKDOWN, "")


def test_json_is_exact_and_valid_against_its_schema(edited, capsys):
    status, out, _ = run(capsys, RICH, edited, "--format", "json")
    document = json.loads(out)
    jsonschema.Draft202012Validator(json.loads((ROOT / "schema" / "diff.schema.json").read_text())).validate(document)
    assert status == 1 and document["changes"] == CHANGES
    assert (document["offerings_added"], document["offerings_removed"]) == (["alpha/new-model"], ["alpha/mystery"])
    assert document["summary"] == {"providers_added": 0, "providers_removed": 0, "offerings_added": 1,
                                   "offerings_removed": 1, "changes": 11, "price_changes": 5, "limit_changes": 1,
                                   "status_changes": 1, "lifecycle_changes": 1, "privacy_changes": 1,
                                   "retention_changes": 2, "moderation_changes": 0}
    assert document["equal"] is False


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_equal_catalogs_exit_0_with_no_changes(fmt, capsys):
    status, out, _ = run(capsys, RICH, RICH, "--format", fmt)
    assert status == 0
    if fmt == "json":
        document = json.loads(out)
        assert document["equal"] is True and document["changes"] == [] and document["summary"]["changes"] == 0
    else:
        assert "no changes" in out.lower() and "|" not in out


def test_providers_added_and_removed_and_their_offerings(tmp_path, capsys):
    new = shutil.copytree(RICH, tmp_path / "new")
    shutil.rmtree(new / "providers" / "gamma")
    shutil.copytree(new / "providers" / "beta", new / "providers" / "delta")
    (new / "providers" / "delta" / "provider.yaml").write_text("id: delta\nname: Delta\n")
    diff = diff_catalogs(load_catalog(RICH), load_catalog(new))
    assert (diff.providers_added, diff.providers_removed) == (("delta",), ("gamma",))
    assert diff.offerings_added == ("delta/big-model", "delta/us.acme.big:0") and not diff.offerings_removed
    assert [(c.subject, c.field, c.old, c.new) for c in diff.changes] == []


def test_percent_only_between_known_rates_in_one_currency(tmp_path):
    new = shutil.copytree(RICH, tmp_path / "new")
    path = new / "providers" / "alpha" / "models" / "free-embed.yaml"
    path.write_text(path.read_text().replace("input: 0\n", "input: 0.02\n").replace("  output: 0\n", "  output: 0\n  reasoning: 1\n"))
    changes = diff_catalogs(load_catalog(RICH), load_catalog(new)).changes
    assert [(c.field, c.old, c.new, c.percent, c.note) for c in changes] == [
        ("pricing.input", 0, Decimal("0.02"), None, None),  # from free: no percentage, never a division by 0
        ("pricing.reasoning", None, Decimal("1"), None, "now known")]


def test_a_catalog_json_export_compares_with_its_folder(tmp_path, capsys):
    assert main(["export", "--data", str(RICH), "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    exported = tmp_path / "out" / "api" / "catalog.json"
    assert run(capsys, exported, RICH) == (0, "no changes\n", "")
    status, out, _ = run(capsys, exported, edited_copy(tmp_path / "new"))
    assert (status, out) == (1, TEXT)


def git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """A repository with two commits: the rich fixture as data/, then the known edits."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    shutil.copytree(RICH, root / "data")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first")
    shutil.rmtree(root / "data")
    edited_copy(root / "data")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "second")
    return root


def test_git_revisions_are_read_without_a_checkout(repo, capsys, monkeypatch):
    shutil.rmtree(repo / "data")  # the working tree is not read: only the commits are
    assert run(capsys, "HEAD~1", "HEAD", "--repo", repo) == (1, TEXT, "")
    assert run(capsys, "HEAD", "main", "--repo", repo, "--path", "data/") == (0, "no changes\n", "")
    monkeypatch.chdir(repo)
    assert run(capsys, "HEAD~1:data", "HEAD:data") == (1, TEXT, "")


def test_a_revision_and_a_folder_compare(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo)
    assert run(capsys, "HEAD~1:data", "data")[:2] == (1, TEXT)


@pytest.mark.parametrize("args, says", [
    (["nope", "HEAD"], "not a valid object name: nope"),
    (["HEAD", "HEAD:missing"], "missing"),
    (["HEAD~5", "HEAD"], "HEAD~5"),
])
def test_an_unreadable_revision_is_a_usage_error(repo, capsys, args, says):
    status, out, err = run(capsys, *args, "--repo", repo)
    assert status == 2 and out == "" and says in err


def test_a_name_that_is_no_catalog_is_a_usage_error(tmp_path, capsys):
    status, out, err = run(capsys, tmp_path / "absent", RICH)
    assert status == 2 and "no catalog folder, catalog.json file, or REV:PATH" in err


def test_an_invalid_catalog_exits_2_naming_the_file(tmp_path, capsys):
    new = shutil.copytree(RICH, tmp_path / "new")
    (new / "providers" / "gamma" / "provider.yaml").write_text("id: gamma\nname: [\n")
    status, out, err = run(capsys, RICH, new)
    assert status == 2 and out == "" and "providers/gamma/provider.yaml" in err


def test_a_link_in_a_revision_is_refused_not_followed(repo, capsys):
    (repo / "secret.yaml").write_text("id: secret\n")
    (repo / "data" / "providers" / "alpha" / "models" / "linked.yaml").symlink_to(repo / "secret.yaml")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a link")
    status, out, err = run(capsys, "HEAD~1", "HEAD", "--repo", repo)
    assert status == 2 and out == "" and "data/providers/alpha/models/linked.yaml is a link" in err


def test_a_tier_is_compared_by_its_threshold(tmp_path):
    new = shutil.copytree(RICH, tmp_path / "new")
    path = new / QWQ
    path.write_text(path.read_text().replace("    - above_tokens: 64000\n      input: 0.4\n",
                                             "    - above_tokens: 64000\n      input: 0.5\n"))
    changes = diff_catalogs(load_catalog(RICH), load_catalog(new)).changes
    assert [(c.field, c.old, c.new, c.percent) for c in changes] == [
        ("pricing.tiers[>64000].input", Decimal("0.4"), Decimal("0.5"), Decimal("25.0"))]


def test_text_from_the_data_stays_on_one_line_and_is_escaped_in_markdown(tmp_path, capsys):
    new = shutil.copytree(RICH, tmp_path / "new")
    path = new / "providers" / "alpha" / "provider.yaml"
    path.write_text(path.read_text().replace("details: Nothing is kept.", 'details: "a | b\\n## c <script>"'))
    status, out, _ = run(capsys, RICH, new)
    assert status == 1 and "  retention.details: Nothing is kept. -> a | b\\n## c <script>\n" in out
    status, out, _ = run(capsys, RICH, new, "--format", "markdown")
    assert r"| alpha | retention.details | Nothing is kept. | a \| b\\n## c &lt;script&gt; |  |" in out
    assert "<script>" not in out


CALLS = ROOT / "tests" / "fixtures" / "calls"


def test_conditional_rates_compare_by_unit_and_conditions(tmp_path, capsys):
    new = shutil.copytree(CALLS, tmp_path / "new")
    imagen = new / "providers" / "google-vertex" / "models" / "imagen-4.0-generate-001.yaml"
    imagen.write_text(imagen.read_text().replace(
        "    - {unit: image, rate: 0.04}\n",
        "    - {unit: image, rate: 0.05}\n    - {unit: image, rate: 0.08, quality: hd, tier: batch}\n"))
    changes = [c for c in diff_catalogs(load_catalog(CALLS), load_catalog(new)).changes]
    assert [(c.field, c.old, c.new, c.percent, c.unit) for c in changes] == [
        ("pricing.conditional[image]", Decimal("0.04"), Decimal("0.05"), Decimal("25.0"), "image"),
        ("pricing.conditional[image; tier=batch, quality=hd]", None, Decimal("0.08"), None, "image")]
    status, out, _ = run(capsys, CALLS, new)
    assert status == 1
    assert "  pricing.conditional[image]: $0.04 each -> $0.05 each (+25.0%)\n" in out  # per image, not per 1M tokens
    assert "  pricing.conditional[image; tier=batch, quality=hd]: N/A -> $0.08 each (now known)\n" in out


def test_a_conditional_rate_removed_reads_as_no_longer_known(tmp_path):
    new = shutil.copytree(CALLS, tmp_path / "new")
    gpt = new / "providers" / "openai" / "models" / "gpt-4o.yaml"
    text = gpt.read_text()
    assert "tier: batch" in text
    lines = [line for line in text.splitlines(keepends=True) if not ("tier: batch" in line and "unit: input," in line)]
    gpt.write_text("".join(lines))
    changes = diff_catalogs(load_catalog(CALLS), load_catalog(new)).changes
    assert [(c.field, c.new, c.note) for c in changes] == [("pricing.conditional[input; tier=batch]", None, "no longer known")]
