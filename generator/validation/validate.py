"""Validate a catalog directory: every problem of every file, in one run.

Steps: find the files (:mod:`.discover`); read each one safely
(:mod:`.yamlload`), check it against its JSON Schema (:mod:`.schemas`) and look
for warnings -- per file, so large catalogs spread this over the processor's
cores; then the rules no schema can express (:mod:`.rules`), which look across
files.  Problems get their line and column last, and only for files that have
any, so a clean catalog never pays for positions.
"""

from __future__ import annotations

import errno
import marshal
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from generator.validation import rules, schemas
from generator.validation.bounds import out_of_bounds, within_json_range
from generator.validation.discover import Entry, discover, display_name, side_files
from generator.validation.messages import Finding, findings, format_path
from generator.validation.problems import ERROR, WARNING, Problem
from generator.validation.yaml_fast import decode, load_bytes, locator
from generator.util import files
from generator.util.parallel import can_fork, cpus, fork_map

STALE_AFTER = timedelta(days=365)
PARALLEL_FROM = 400  # files; below this, starting worker processes costs more than it saves
MAX_JOBS = 8
PACKED_CHUNK = 256  # documents per marshalled chunk a worker sends (see _packed)
MAX_FILE_BYTES = 8 * 2**20  # a catalog file is a few kB; a larger one is refused before it is parsed


@dataclass
class Report:
    problems: list[Problem]
    documents: list[rules.Document]
    side: list[rules.Document] = field(default_factory=list)  # links, history, changes: error-free ones

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def ok(self, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)


def validate_catalog(data_dir: Path | str, today: date | None = None, keep_data: bool = True) -> Report:
    """Every problem in the catalog at *data_dir*, sorted by file and line.

    With *keep_data* false, the report's documents keep only the fields the
    rules across files read (:data:`rules.CROSS_FIELDS`): enough for callers
    that want the problems, and less to send back from the worker processes.
    """
    data_dir = Path(data_dir)
    entries, problems = discover(data_dir)
    documents: list[rules.Document] = []
    for document, found in _examine_all(entries, today or date.today(), keep_data):
        problems += found
        if document is not None:
            documents.append(document)
    rules.check_across([doc for doc in documents if doc.schema_valid])
    for doc in documents:
        problems += _positioned(doc)
    side, found = side_file_documents(data_dir, today or date.today())
    return Report(sorted(problems + found), documents, side)


def side_file_problems(data_dir: Path, today: date | None = None) -> list[Problem]:
    """What is wrong with the files beside the documents (links.yaml, history.yaml, each provider's
    changes.yaml): schema, YAML, size, located. Whether the offerings links.yaml names exist is for
    ``provcat link``, which reads the whole catalog."""
    return side_file_documents(data_dir, today)[1]


def side_file_documents(data_dir: Path, today: date | None = None) -> tuple[list[rules.Document], list[Problem]]:
    """The side files read (those without an error, so a build can keep their data) and every
    problem found in them (see :func:`side_file_problems`)."""
    documents, problems = [], []
    for kind, rel in side_files(data_dir):
        doc, found = examine_side_file(data_dir, kind, rel, today)
        problems += found
        if doc is not None:
            documents.append(doc)
    return documents, problems


def links_problems(data_dir: Path, today: date | None = None) -> list[Problem]:
    """What is wrong with ``data_dir/links.yaml``; none when it is absent."""
    return [p for kind, rel in side_files(data_dir) if kind == "links"
            for p in side_file_problem(data_dir, kind, rel, today)]


def side_file_problem(data_dir: Path, kind: str, rel: str, today: date | None = None) -> list[Problem]:
    return examine_side_file(data_dir, kind, rel, today)[1]


def examine_side_file(data_dir: Path, kind: str, rel: str,
                      today: date | None = None) -> tuple[rules.Document | None, list[Problem]]:
    """One side file read and checked: its document when it has no error (None otherwise), and its
    problems, located."""
    path = Path(data_dir) / rel
    entry = Entry(kind, display_name(path), str(path), rel)
    if path.is_symlink() or not path.is_file():
        return None, [Problem(entry.file, 1, 1, "", f"not a regular file; {path.name} is read only as one")]
    doc, problems = _examine((entry, today or date.today(), True))
    problems = problems + (_positioned(doc) if doc is not None else [])
    clean = doc is not None and not any(p.severity == ERROR for p in problems)
    return (doc if clean else None), problems


def _examine_all(entries: list[Entry], today: date, keep_data: bool):
    """Every file examined, in order: for a big catalog, in one process per core (at most
    :data:`MAX_JOBS`), each forked after the schemas are compiled so it inherits them."""
    jobs = [(entry, today, keep_data) for entry in entries]
    workers = min(cpus(), MAX_JOBS)
    if len(jobs) < PARALLEL_FROM or workers < 2 or not can_fork():
        return map(_examine, jobs)
    schemas.warm_up()
    shares = fork_map(lambda k: _examine_share(jobs[k::workers], sent=k > 0), workers)
    examined: list = [None] * len(jobs)
    for k, share in enumerate(shares):
        examined[k::workers] = _unpacked(share) if k > 0 else share
    return examined


def _examine_share(jobs: list, sent: bool):
    """Every job examined; with *sent* (a child's share, which goes to the parent through a pipe)
    as :func:`_packed` gives them."""
    examined = [_examine(job) for job in jobs]
    return _packed(examined) if sent else examined


def _packed(examined: list) -> tuple[list[bytes] | None, dict]:
    """*examined* for the pipe: the clean documents' fields marshalled (they hold YAML's plain
    values, which marshal writes and reads several times faster than pickle), in chunks the
    parent frees as it reads them; the others as they are, by index; all of them as they are
    should a value be one marshal cannot hold."""
    plain, rest = [], {}
    for index, (doc, problems) in enumerate(examined):
        if doc is not None and not problems and not doc.findings and not doc.warnings:
            plain.append((doc.kind, doc.file, doc.path, doc.rel, doc.data, doc.schema_valid))
        else:
            plain.append(None)
            rest[index] = (doc, problems)
    try:
        return [marshal.dumps(plain[i:i + PACKED_CHUNK]) for i in range(0, len(plain), PACKED_CHUNK)], rest
    except ValueError:  # marshal holds only the exact built-in types
        return None, dict(enumerate(examined))


def _unpacked(packed: tuple[list[bytes] | None, dict]) -> list:
    """The examined jobs :func:`_packed` packed, equal to those it was given."""
    chunks, rest = packed
    if chunks is None:
        return [rest[index] for index in range(len(rest))]
    examined: list = []
    chunks.reverse()
    while chunks:  # each chunk's bytes freed once read
        for fields in marshal.loads(chunks.pop()):
            examined.append(rest[len(examined)] if fields is None else
                            (rules.Document(*fields[:5], schema_valid=fields[5]), []))
    return examined


def examine_file(entry: Entry, today: date | None = None) -> tuple[rules.Document | None, list[Problem]]:
    """One file read and checked on its own (schema, its own rules, warnings): the per-file part of
    :func:`validate_catalog`, for callers that re-check changed files only."""
    return _examine((entry, today or date.today(), True))


def check_bytes(entry: Entry, raw: bytes) -> tuple[rules.Document | None, list[Problem]]:
    """The per-file verdict of :func:`validate_catalog` on *raw*, bytes not yet written to
    *entry*: the importers check each document this way before they write it."""
    return _check(entry, raw, fast=True)


def _examine(job) -> tuple[rules.Document | None, list[Problem]]:
    """Read one file, check it against its schema and its own rules, look for warnings."""
    entry, today, keep_data = job
    try:
        raw = read_regular(entry.path)
    except OSError as error:
        return None, [Problem(entry.file, 1, 1, "", f"cannot read the file: {error.strerror or error}")]
    doc, problems = _check(entry, raw, fast=True)
    if doc is not None and doc.findings:  # report what the reference loader reads
        doc, problems = _check(entry, raw, fast=False)
    if doc is not None:
        doc.warnings.extend(_warnings(doc, today, raw.isascii()))
        if not keep_data and doc.schema_valid:
            doc.data = {key: doc.data[key] for key in rules.CROSS_FIELDS if key in doc.data}
    return doc, problems


def read_regular(path: str) -> bytes:
    """The bytes of the catalog file at *path* (:func:`generator.util.files.read_regular`: a FIFO
    swapped in after discovery would block), at most :data:`MAX_FILE_BYTES`."""
    try:
        return files.read_regular(path, MAX_FILE_BYTES)
    except files.FileTooLarge:
        raise OSError(errno.EFBIG, f"larger than {MAX_FILE_BYTES // 2**20} MiB; catalog files are a few kB") from None


def _check(entry: Entry, raw: bytes, fast: bool) -> tuple[rules.Document | None, list[Problem]]:
    data, problems = load_bytes(raw, entry.file, fast)
    if data is None:
        return None, problems
    doc = rules.Document(entry.kind, entry.file, entry.path, entry.rel, data)
    doc.findings.extend(_schema_findings(doc))
    doc.schema_valid = not doc.findings
    if doc.schema_valid:
        rules.check_one(doc)
    return doc, problems


def _schema_findings(doc: rules.Document) -> list[Finding]:
    """What the schema says of *doc*; first, for a document it does not pass at once, whether the
    document is nested too deep or holds too large an integer (see :mod:`.bounds`)."""
    if schemas.fast_valid(doc.kind, doc.data) and within_json_range(doc.data):
        return []
    too_far = out_of_bounds(doc.data)  # the full validator and its messages would recurse or overflow
    if too_far:
        return too_far
    return [finding for error in schemas.schema_errors(doc.kind, doc.data) for finding in findings(error)]


def _warnings(doc: rules.Document, today: date, ascii_only: bool):
    verified = rules.parse_date(str(doc.data.get("last_verified", "")))
    if verified and today - verified > STALE_AFTER:
        yield Finding(("last_verified",), f"last verified {verified}, more than a year ago; check the facts again")
    if ascii_only:  # plain ASCII cannot be mis-decoded UTF-8
        return
    for path, value in rules.walk(doc.data):
        if isinstance(value, str) and not value.isascii():
            yield from _mojibake(path, value)


def _mojibake(path: tuple, text: str):
    from generator.validation.mojibake import mis_decoded

    fixed = mis_decoded(text)
    if fixed is not None:
        hint = f"; it probably should read '{fixed}'" if fixed != text else ""
        yield Finding(path, f"text looks mis-decoded (UTF-8 read as another encoding){hint}")


def _positioned(doc: rules.Document) -> list[Problem]:
    if not doc.findings and not doc.warnings:
        return []
    with open(doc.path, "rb") as handle:
        text, _ = decode(handle.read(), doc.file)
    locate = locator(text)
    return [
        Problem(doc.file, *locate(f.path, f.at_key), format_path(f.path), f.message, severity)
        for severity, group in ((ERROR, doc.findings), (WARNING, doc.warnings))
        for f in group
    ]
