"""The document cache's big dicts are saved as a base and a delta (generator.build.layered): an edit
build writes the last base back as it is and encodes only what differs."""

import marshal

import pytest

from generator.build import cache as doccache
from generator.build import layered
from generator.build.pipeline import build
from tests.test_build_incremental import EDITS, _key, offering, settle


def _roundtrip(current: dict, layer):
    pair = layered.encode(current, layer)
    return pair, layered.decode(pair)


def test_a_dict_decodes_the_same_on_its_base_or_encoded_whole():
    base = {f"k{i}": (i, "v") for i in range(50)}
    _, (decoded, layer) = _roundtrip(base, None)
    assert decoded == base
    edited = {**{k: v for k, v in base.items() if k != "k3"}, "k7": (7, "w"), "new": (0, "n")}
    pair, (again, _) = _roundtrip(edited, layer)
    assert again == edited
    assert pair[0] is layer.raw  # the base written back as it was read
    assert marshal.loads(pair[1]) == {"k7": (7, "w"), "new": (0, "n"), "k3": None}


def test_a_delta_too_big_encodes_the_whole_dict_again():
    base = {i: i for i in range(layered.MAX_DELTA + 10)}
    _, (_, layer) = _roundtrip(base, None)
    edited = {k: v + 1 for k, v in base.items()}
    pair, (again, _) = _roundtrip(edited, layer)
    assert again == edited and pair[0] != layer.raw and marshal.loads(pair[1]) == {}


@pytest.mark.parametrize("pair", [None, b"x", (b"x",), (b"\x00garbage", marshal.dumps({})),
                                  (marshal.dumps({}), marshal.dumps([1])), (marshal.dumps(3), marshal.dumps({}))])
def test_a_malformed_pair_is_refused(pair):
    assert layered.decode(pair) is None


def test_an_edit_build_keeps_the_last_base_and_records_only_the_edited_file(tmp_path):
    from benchmarks.synthetic import make_catalog

    data = make_catalog(tmp_path / "data", providers=3, offerings=5, models=4, authors=2)
    out = tmp_path / "out"
    settle(data)
    build(data, out)
    before = marshal.loads((out / doccache.CACHE_NAME).read_bytes()[32:])
    EDITS["offering price"](data)
    build(data, out)
    after = marshal.loads((out / doccache.CACHE_NAME).read_bytes()[32:])
    assert after["files"][0] == before["files"][0] and after["pages"][0] == before["pages"][0]
    edited = offering(data, 1).relative_to(data).as_posix()
    assert list(marshal.loads(after["files"][1])) == [edited]


def test_a_cache_with_a_damaged_delta_is_ignored(tmp_path):
    from benchmarks.synthetic import make_catalog

    data = make_catalog(tmp_path / "data", providers=2, offerings=3, models=2, authors=1)
    out = tmp_path / "out"
    build(data, out)
    raw = (out / doccache.CACHE_NAME).read_bytes()
    body = marshal.loads(raw[32:])
    body["files"] = (body["files"][0], b"\xffnot marshal")
    damaged = marshal.dumps(body)
    (out / doccache.CACHE_NAME).write_bytes(doccache.digest(damaged) + damaged)  # whole, but wrong inside
    assert doccache.read(out, _key(out, raw)) == {}


def test_a_pair_with_a_malformed_value_is_refused_whole():
    def make(plain):
        return {k: v for k, v in plain.items() if isinstance(v, int)}

    good = (marshal.dumps({"a": 1, "b": 2}), marshal.dumps({"c": 3, "a": None}))
    assert layered.decode(good, make)[0] == {"b": 2, "c": 3}
    assert layered.decode((marshal.dumps({"a": 1, "b": "x"}), marshal.dumps({})), make) is None
    assert layered.decode((marshal.dumps({"a": 1}), marshal.dumps({"b": "x"})), make) is None


def test_the_cache_is_written_as_its_digest_and_body_never_joined_in_memory(tmp_path, monkeypatch):
    """The cache of a big catalog is tens of megabytes: joining its digest and body would copy it."""
    from generator.util import atomic

    written = []
    real = atomic._write_all
    monkeypatch.setattr(atomic, "_write_all", lambda fd, data: written.append(len(data)) or real(fd, data))
    encoded = doccache.encode("key", (marshal.dumps({}), marshal.dumps({})), build="b1", pages={"a.md": frozenset()})
    assert isinstance(encoded, tuple) and len(encoded[0]) == 32
    doccache.write_encoded(tmp_path, encoded)
    assert written == [32, len(encoded[1])]
    cache = doccache.read(tmp_path, "key")
    assert cache["build"] == "b1" and cache["pages"] == {"a.md": frozenset()}
    damaged = bytearray((tmp_path / doccache.CACHE_NAME).read_bytes())
    damaged[-1] ^= 1
    (tmp_path / doccache.CACHE_NAME).write_bytes(bytes(damaged))
    assert doccache.read(tmp_path, "key") == {}
