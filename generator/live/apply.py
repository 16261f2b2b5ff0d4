"""``check-live --apply``: write what the check proved, and nothing else.

A model served but not in the catalog becomes an offering file holding only its id, the models
API as its source and ``last_verified``; an offering the API confirmed gets today's
``last_verified``; a provider whose models list was read gets today's ``monitoring.last_checked``
(shown on the site).  Nothing is deleted and no other fact is touched: the date is set by replacing
the file's top-level ``last_verified:`` line (or appending one), so comments and layout stay.
A file that exists, or is not a regular file, is never overwritten.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml

from generator.live.check import CHECKED, Result
from generator.model.layout import offering_path, provider_path
from generator.model.records import Provider
from generator.util.atomic import replace_atomic
from generator.util.files import read_regular

MAX_ID = 200
LAST_VERIFIED = re.compile(r"^last_verified:[^\n]*$", re.MULTILINE)
MONITORING = re.compile(r"^monitoring:[ \t]*(#[^\n]*)?$", re.MULTILINE)
TOP_LEVEL = re.compile(r"^(?![ \t#]|$)", re.MULTILINE)  # a line that starts a top-level key (or ends the block)
LAST_CHECKED = re.compile(r"^[ \t]+last_checked:[^\n]*$", re.MULTILINE)


class _PlainDumper(yaml.SafeDumper):
    """Writes a value used twice (today's date) twice, never as an anchor and alias."""

    def ignore_aliases(self, data) -> bool:
        return True


def apply_results(data_dir: Path, providers: dict[str, Provider], results: list[Result], today: date) -> list[str]:
    """Write the new offerings and the confirmed offerings' dates; the paths written, or skipped
    with the reason, one line each."""
    done: list[str] = []
    for result in results:
        if result.state != CHECKED:
            continue
        provider = providers[result.provider]
        done.append(_checked(data_dir, provider.id, today))
        done += [_new(data_dir, provider, name, today) for name in result.comparison.new]
        done += [_confirm(data_dir, provider.id, name, today) for name in result.comparison.confirmed]
    return done


def _new(data_dir: Path, provider: Provider, name: str, today: date) -> str:
    relative = offering_path(provider.id, name)
    if len(name) > MAX_ID or not name.isprintable():
        return f"skipped new offering {name[:MAX_ID]!r}: not a printable id of at most {MAX_ID} characters"
    target = Path(data_dir) / relative
    if target.exists() or target.is_symlink():
        return f"kept {relative}: it exists"
    source = {"url": provider.endpoint("models"), "title": f"{provider.name} models API", "accessed": today}
    text = yaml.dump({"id": name, "sources": [source], "last_verified": today}, Dumper=_PlainDumper,
                     sort_keys=False, allow_unicode=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    replace_atomic(str(target), text.encode("utf-8"))
    return f"new {relative}"


def _confirm(data_dir: Path, provider_id: str, offering_id: str, today: date) -> str:
    relative = offering_path(provider_id, offering_id)
    target = Path(data_dir) / relative
    try:
        if target.is_symlink():
            raise OSError("a link")
        text = read_regular(target).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"kept {relative}: {exc}"
    line = f"last_verified: {today.isoformat()}"
    updated = LAST_VERIFIED.sub(line, text, count=1) if LAST_VERIFIED.search(text) else \
        f"{text}{'' if text.endswith(chr(10)) or not text else chr(10)}{line}\n"
    if updated != text:
        replace_atomic(str(target), updated.encode("utf-8"))
    return f"verified {relative}"


def _checked(data_dir: Path, provider_id: str, today: date) -> str:
    """Set ``monitoring.last_checked`` in the provider's file, keeping every other line as it is."""
    relative = provider_path(provider_id)
    target = Path(data_dir) / relative
    try:
        if target.is_symlink():
            raise OSError("a link")
        text = read_regular(target).decode("utf-8")
        updated = with_last_checked(text, today)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return f"kept {relative}: {exc}"
    if updated != text:
        replace_atomic(str(target), updated.encode("utf-8"))
    return f"checked {relative}"


def with_last_checked(text: str, today: date) -> str:
    """*text* (a provider file) with ``monitoring.last_checked`` set to *today*; ValueError when the file's
    ``monitoring`` is not a block this can edit, or the edit would not read back as that date."""
    line = f"  last_checked: {today.isoformat()}"
    if not text.endswith("\n"):
        text += "\n"
    block = MONITORING.search(text)
    if block is None and re.search(r"^monitoring\b", text, re.MULTILINE):
        raise ValueError("its `monitoring` is not a block of indented keys; set last_checked by hand")
    if block is None:
        at = re.search(r"^(sources|last_verified):", text, re.MULTILINE)
        at = at.start() if at else len(text)
        updated = f"{text[:at]}monitoring:\n{line}\n{text[at:]}"
    else:
        end = TOP_LEVEL.search(text, block.end() + 1)
        end = end.start() if end else len(text)
        body = text[block.end() + 1:end]
        if LAST_CHECKED.search(body):
            body = LAST_CHECKED.sub(line, body, count=1)
        else:  # after the block's last indented line, before any blank or comment lines that follow it
            last = [m.end() for m in re.finditer(r"^[ \t]+[^ \t#\n][^\n]*\n", body, re.MULTILINE)]
            cut = last[-1] if last else 0
            body = f"{body[:cut]}{line}\n{body[cut:]}"
        updated = text[:block.end() + 1] + body + text[end:]
    _reads_back(updated, today)
    return updated


def _reads_back(text: str, today: date) -> None:
    try:
        value = (yaml.safe_load(text).get("monitoring") or {}).get("last_checked")
    except (yaml.YAMLError, AttributeError):
        value = None
    if value != today:
        raise ValueError("the date would not read back from the file; set monitoring.last_checked by hand")
