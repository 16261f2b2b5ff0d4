"""Issue 11, item 15: ``Catalog.from_json`` checks the shape of what it reads, not only its hash.

A catalog.json edited by hand (or by another tool) and re-hashed passes the
content-hash check; without a schema check, a string context window or a
negative price loaded silently and failed later (a crash in ``list
--min-context``, ``-5 USD`` from ``price``).  Each test tampers with an export,
seals it again so the hash matches, and expects a one-line error naming the
file and the JSON path of the bad value.
"""

from __future__ import annotations

import pytest

from generator.catalog.seal import SCHEMA_VERSION
from generator import Catalog
from generator.catalog.json_read import InvalidExport, catalog_from_document
from generator.catalog.seal import HASH_KEY, content_hash, dumps, sealed_bytes
from generator.cli import main

from .exporthelp import RICH, documents

OFFERING = "/providers/0/offerings/0"


def rich_document() -> dict:
    return documents(RICH)["api/catalog.json"]


def resealed(tmp_path, document: dict):
    """*document* written as a minified export whose content hash matches its (tampered) content."""
    body = {k: v for k, v in document.items() if k not in (HASH_KEY, "schema_version")}
    path = tmp_path / "catalog.json"
    path.write_bytes(sealed_bytes(body))
    return path


def offering(document: dict) -> dict:
    return document["providers"][0]["offerings"][0]


def test_a_rehashed_string_context_window_is_refused_with_its_path(tmp_path):
    document = rich_document()
    offering(document)["context_window"] = "big"
    path = resealed(tmp_path, document)
    with pytest.raises(InvalidExport) as caught:
        Catalog.from_json(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: not a valid catalog.json: {OFFERING}/context_window")
    assert "alpha/Qwen/QwQ-32B" in message and "integer" in message and "\n" not in message


def test_a_rehashed_negative_price_is_refused(tmp_path):
    document = rich_document()
    offering(document)["pricing"]["current"]["input"] = "-5"
    with pytest.raises(InvalidExport, match=f"{OFFERING}/pricing/current/input"):
        Catalog.from_json(resealed(tmp_path, document))


def test_a_rehashed_unknown_key_is_refused_in_the_current_version(tmp_path):
    document = rich_document()
    offering(document)["context_windw"] = 1000
    with pytest.raises(InvalidExport, match="context_windw"):
        Catalog.from_json(resealed(tmp_path, document))


def test_a_document_given_in_memory_is_checked_too():
    document = rich_document()
    document["models"][0]["name"] = 12
    with pytest.raises(InvalidExport, match="/models/0/name"):
        catalog_from_document(document, verify=False)


def test_a_later_minor_version_may_add_fields_but_not_break_types(tmp_path):
    """The schema_version promise: an N.0 reader reads any N.x file, ignoring fields it does not know."""
    document = rich_document()
    document["schema_version"] = f"{SCHEMA_VERSION.split('.')[0]}.99.0"
    offering(document)["added_in_a_later_minor"] = {"x": 1}
    document[HASH_KEY] = content_hash(document)
    path = tmp_path / "catalog.json"
    path.write_bytes(dumps(document))
    assert Catalog.from_json(path, data_dir=RICH).offering("alpha/Qwen/QwQ-32B").context_window == 131072
    offering(document)["context_window"] = "big"
    document[HASH_KEY] = content_hash(document)
    path.write_bytes(dumps(document))
    with pytest.raises(InvalidExport, match="context_window"):
        Catalog.from_json(path)


@pytest.mark.parametrize("command", [["list", "models", "--min-context", "1000"],
                                     ["price", "alpha/Qwen/QwQ-32B", "--input", "1M"]])
def test_query_commands_report_a_tampered_export_without_a_traceback(tmp_path, capsys, command):
    document = rich_document()
    offering(document)["context_window"] = "big"
    offering(document)["pricing"]["current"]["input"] = "-5"
    path = resealed(tmp_path, document)
    status = main([*command, "--catalog", str(path)])
    out, err = capsys.readouterr()
    assert status == 1 and "Traceback" not in err and "-5 USD" not in out
    assert err.startswith(f"error: {path}: not a valid catalog.json: {OFFERING}/")


# Values a tampering tool may put where another was: wrong types, out of range, odd strings.
ODD_JSON = [None, True, -1, 0, 2 ** 63, 9007199254740993, 1.5, "big", "", "-5", "1e5", "0.1.2", "2024-02-30",
            "9999-99-99", "x" * 5000, "\u202e", [], [None], {}, {"id": 1}]


def leaves(node, path=()):
    """Every (path, value) of *node*, containers included, so whole objects get replaced too."""
    yield path, node
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        yield from leaves(value, (*path, key))


def tampered(document: dict, rng) -> str:
    """Replace, delete or add one member somewhere in *document* (in place); what was done."""
    path, _ = rng.choice([(p, v) for p, v in leaves(document) if len(p) > 1])
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    action = rng.choice(("replace", "replace", "replace", "delete", "add"))
    if action == "delete":
        del parent[path[-1]]
    elif action == "add" and isinstance(parent, dict):
        parent["tampered"] = rng.choice(ODD_JSON)
    else:
        parent[path[-1]] = rng.choice(ODD_JSON)
    return f"{action} {'/'.join(map(str, path))}"


QUERIES = [["list", "models", "--min-context", "1000"], ["list", "providers", "--format", "json"],
           ["show", "alpha/Qwen/QwQ-32B"], ["price", "alpha/Qwen/QwQ-32B", "--input", "1M", "--output", "200k"]]


def test_tampered_and_resealed_exports_are_refused_or_read_never_a_crash(tmp_path, capsys):
    """A seeded campaign over catalog.json: every tampered document either loads and answers the query
    commands, or is refused with InvalidExport; nothing else escapes."""
    import random

    base, refused = rich_document(), 0
    for index in range(150):
        rng = random.Random(f"export:{index}")
        document = __import__("copy").deepcopy(base)
        what = tampered(document, rng)
        path = resealed(tmp_path, document)
        try:
            Catalog.from_json(path)
        except InvalidExport as exc:
            refused += 1
            assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc), (what, str(exc))
            continue
        for query in QUERIES:
            status = main([*query, "--catalog", str(path)])
            out, err = capsys.readouterr()
            assert status in (0, 1) or (status == 2 and err.startswith("error: unknown ")), (what, query, err)
    assert refused > 50


def test_a_value_the_schema_passes_but_the_calendar_refuses_is_located(tmp_path):
    """The schema's date pattern passes 2024-02-30; decoding it fails, and the error says where."""
    document = rich_document()
    offering(document)["last_verified"] = "2024-02-30"
    path = resealed(tmp_path, document)
    with pytest.raises(InvalidExport) as caught:
        Catalog.from_json(path)
    assert str(caught.value).startswith(f"{path}: not a valid catalog.json: {OFFERING} (in alpha/Qwen/QwQ-32B): ")
    assert "day is out of range for month" in str(caught.value)


def test_an_id_holding_a_line_break_stays_on_the_error_line():
    """The message quotes ids from the file: a crafted one must not print a line of its own."""
    from generator.catalog.json_read import InvalidExport

    assert str(InvalidExport("x.json: /providers/0 (in a\nerror: forged)")) == "x.json: /providers/0 (in a\\nerror: forged)"
