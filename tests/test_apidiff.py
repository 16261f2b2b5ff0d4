"""The api.json comparison behind the differential corpus test (issue 12) on small documents."""

from __future__ import annotations

import json

from tests import apidiff


def _doc(model: dict, **provider) -> dict:
    return apidiff.parse(json.dumps({"p": {"id": "p", **provider, "models": {"m": model}}}))


def test_numbers_differ_by_their_text():
    diff = apidiff.compare(apidiff.parse('{"p": {"models": {"m": {"cost": {"input": 1.0}}}}}'),
                           apidiff.parse('{"p": {"models": {"m": {"cost": {"input": 1}}}}}'))
    assert diff.counts() == {"cost.input": 1}
    assert diff.fields["cost.input"].changed == 1


def test_fields_are_counted_by_path_and_kind():
    ours = _doc({"id": "m", "name": "m", "limit": {"context": 10}, "family": "x"})
    theirs = _doc({"id": "m", "name": "M", "limit": {"context": 10, "input": 5}, "last_updated": "2025-01"},
                  npm="@ai-sdk/p")
    diff = apidiff.compare(ours, theirs)
    assert diff.counts() == {"name": 1, "limit.input": 1, "family": 1, "last_updated": 1, "provider.npm": 1}
    assert (diff.fields["family"].extra, diff.fields["last_updated"].absent) == (1, 1)
    assert diff.fields["name"].example == 'p/m: ours "m", models.dev "M"'
    assert "| `name` | 1 | 0 | 0 | 1 |" in diff.table()


def test_missing_providers_and_models_are_differences():
    diff = apidiff.compare({"a": {"models": {"x": {}}}}, {"a": {"models": {"y": {}}}, "b": {"models": {}}})
    assert diff.counts() == {"(model)": 2, "(provider)": 1}
