"""The pages outside the nav (offering, provider, model and author pages), built beside mkdocs.

mkdocs costs about 25 ms a page (Python-Markdown, Material's template, its own bookkeeping), two
minutes for the shipped catalog.  The ``provcat`` plugin therefore takes every page that is not
in the nav out of mkdocs' hands (:func:`take`, which marks it excluded, so links to it still
resolve and mkdocs renders only the hand-written and summary pages), and builds them after
mkdocs' own pages (:func:`build_pages`), each as mkdocs would, through the same plugin events:

* its Markdown through a compiled engine when :func:`.fast_markdown.fast_ok` finds no construct
  on which it and Python-Markdown differ, else through mkdocs' own ``Page.render``;
* the theme's page around it from a shell rendered once (:mod:`.shell`), or the whole template
  when the page has front matter or no shell could be made;
* its search entries from the search plugin's and our own ``on_page_context``.

The pages are shared between the two cores (forked workers, :mod:`.workers`, started from the
plugin's ``on_env`` so that they render while mkdocs builds its own pages) and, under ``mkdocs
serve``, kept in memory between rebuilds, keyed by their Markdown and everything around it: an edit renders the
changed pages only.  ``PROVCAT_FAST_PAGES=0`` in the environment turns all of it off, leaving
every page to mkdocs: the reference the equivalence tests compare with.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time

from mkdocs.commands.build import get_context
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs import utils

from generator.outputs.site import compiled, shell as shells, workers
from generator.outputs.site.page_events import page_context, search_index

SWITCH = "PROVCAT_FAST_PAGES"
IN_PROCESS_BELOW = 300  # fewer pages than this to render: not worth forking
log = logging.getLogger("mkdocs.plugins.provcat")
_KEPT: dict[str, tuple[bytes, list, list, bool]] = {}  # under serve: key -> (output, search entries, log records)
_JOB = None  # the build's _Job, read by forked workers
_PENDING: dict = {}  # the pages start_pages set rendering, for finish_pages: job, keys, rendering, ...
_LAST: dict = {}  # under serve: "job", the last build's _Job, to render single pages again (rebuild)


def enabled() -> bool:
    return os.environ.get(SWITCH, "1") != "0"


def take(files, nav) -> list:
    """The documentation pages outside *nav*, each marked excluded so mkdocs leaves it to us."""
    in_nav = {page.file.src_uri for page in nav.pages}
    taken = []
    for file in files.documentation_pages():
        if file.src_uri not in in_nav:
            file.inclusion = InclusionLevel.EXCLUDED
            taken.append(file)
    return taken


class _Job:
    """What every page's build needs: mkdocs' state after its own pages, and the shells."""

    def __init__(self, taken, config, files, nav, env, title, post):
        self.taken, self.config, self.files, self.nav, self.env = taken, config, files, nav, env
        # When the plugin's own on_post_page (squeezing whitespace) is the only one, the shells'
        # literal parts are squeezed once and each page's own parts only (*post* squeezes a part).
        handlers = [getattr(h, "__self__", None) for h in config.plugins.events["post_page"]]
        self.post = post if handlers == [post] else None
        self.doc_files = files.documentation_pages()
        self.engine = compiled.Engine.of(config)
        self.title_transforms = shells.title_transforms(title)
        self.shells: dict[tuple, tuple | None] = {}  # key -> (shell, shell with squeezed parts) or None
        self.items: dict[str, str] = {}  # a toc entry's rendering, by the entry
        self.search = search_index(config)
        self.keep = False  # return each page's output (to keep it), not only write it
        self._prints: str | None = None

    def shell(self, depth: int, shape: tuple[bool, bool, bool]):
        key = (depth, shape)
        if key not in self.shells:
            shell = shells.make_shell(depth, shape, self.config, self.render_unindexed,
                                      lambda page, item: self.render_item(None, item), self.title_transforms)
            squeezed = shell.mapped(self.post.squeeze_part) if shell is not None and self.post else None
            self.shells[key] = None if shell is None else (shell, squeezed)
        return self.shells[key]

    def context(self, page):
        context = get_context(self.nav, self.doc_files, self.config, page)
        return page_context(self.config, context, page, self.nav)

    def render_whole(self, page) -> str:
        """*page* through the whole template, as mkdocs renders it (indexed for search)."""
        page.active = True
        try:
            return self.env.get_template(page.meta.get("template", "main.html")).render(self.context(page))
        finally:
            page.active = False

    def render_unindexed(self, page) -> str:
        """:meth:`render_whole` without the search entries (a shell's made-up page)."""
        kept = len(self.search.entries) if self.search is not None else 0
        try:
            return self.render_whole(page)
        finally:
            if self.search is not None:
                del self.search.entries[kept:]

    def render_item(self, context, item) -> str:
        """One entry of the table of contents (the theme's toc-item.html reads only the entry)."""
        key = _entry_key(item)
        if key not in self.items:
            self.items[key] = self.env.get_template(shells.TOC_ITEM_TEMPLATE).render({**(context or {}), "toc_item": item})
        return self.items[key]

    def fingerprint(self) -> str:
        """What every page's output depends on beside its own Markdown: the shells, the Markdown
        configuration and the files links resolve to."""
        if self._prints is None:
            self._prints = self._fingerprint()
        return self._prints

    def _fingerprint(self) -> str:
        digest = hashlib.sha256(repr((self.config.markdown_extensions, self.config.mdx_configs)).encode())
        for key in sorted(self.shells, key=repr):
            digest.update(repr((key, self.shells[key])).encode())
        digest.update("\n".join(f.src_uri for f in self.files).encode())
        return digest.hexdigest()


def build_pages(taken, config, files, nav, env, title, post, *, serving: bool = False) -> None:
    """Build the pages :func:`take` took, writing them into the site, and index them for search:
    :func:`start_pages` then :func:`finish_pages`."""
    start_pages(taken, config, files, nav, env, title, post, serving=serving)
    finish_pages()


def start_pages(taken, config, files, nav, env, title, post, *, serving: bool = False) -> None:
    """Make the job and its shells and start rendering the pages :func:`take` took (forked
    workers, see :mod:`.workers`); :func:`finish_pages` collects them.

    *title* is the plugin's escaping of a title; *post* the plugin, whose ``squeeze_part`` and
    ``keeps_whole`` split its on_post_page between the shell and each page's parts.

    *serving*: under ``mkdocs serve``, keep every page's output in memory and render again only
    the pages whose Markdown or surroundings changed since the last build.
    """
    global _JOB
    abandon()
    started = time.perf_counter()
    job = _Job(taken, config, files, nav, env, title, post)
    job.keep = serving
    for depth in sorted({f.src_uri.count("/") for f in taken}):
        for shape in ((True, True), (True, False), (False, False)):
            for h1 in (True, False):
                job.shell(depth, (*shape, h1))
    keys = [_key(job.fingerprint(), f) for f in taken] if serving else [None] * len(taken)
    todo = [i for i, key in enumerate(keys) if key not in _KEPT]
    _JOB = job
    rendering = workers.Rendering.start(todo, _build_indexed, in_process=_in_process(len(todo)))
    _PENDING.update(job=job, keys=keys, serving=serving, started=started, rendering=rendering)


def finish_pages() -> None:
    """Collect what :func:`start_pages` started: write the pages kept from the last build, log
    the pages' warnings and add their search entries (after mkdocs' own pages' entries)."""
    global _JOB
    job, keys, serving, started = (_PENDING[k] for k in ("job", "keys", "serving", "started"))
    try:
        done = _PENDING["rendering"].results()
    finally:
        _JOB = None
        _PENDING.clear()
    taken = job.taken
    results = [done[i] if i in done else _KEPT[keys[i]] for i in range(len(taken))]
    for index, (output, entries, records, _compiled) in enumerate(results):
        if index not in done:
            utils.write_file(output, taken[index].abs_dest_path)
        for level, message in records:
            log.log(level, message)
        if job.search is not None:
            job.search.entries.extend(entries)
    _KEPT.clear()
    _LAST.clear()
    if serving:
        _KEPT.update(zip(keys, results))
        _LAST["job"] = job
    by_engine = sum(1 for result in results if result[3])
    log.info(f"provcat: {len(taken)} pages outside the nav built beside mkdocs ({len(done)} rendered, "
             f"{len(taken) - len(done)} kept from the last build; {by_engine} by the compiled Markdown engine) "
             f"in {time.perf_counter() - started:.1f} s")


def abandon() -> None:
    """Stop a rendering :func:`start_pages` started that will not be collected (the build failed)."""
    global _JOB
    if _PENDING:
        _PENDING["rendering"].abandon()
        _PENDING.clear()
        _JOB = None


def can_rebuild() -> bool:
    """Whether :func:`rebuild` can render pages: a build under serve has run."""
    return "job" in _LAST


def rebuild(files) -> list[dict]:
    """Under serve, after :func:`build_pages`: render *files* (pages it took) again with the last
    build's job, as it did, and write them; return their search entries.  Many pages (a template
    edit changes every offering's) are shared between the cores as in a build."""
    global _JOB
    job = _LAST["job"]
    position = {file.src_uri: index for index, file in enumerate(job.taken)}
    todo = [position[file.src_uri] for file in files]
    _JOB = job
    try:
        done = workers.Rendering.start(todo, _build_indexed, in_process=_in_process(len(todo))).results()
    finally:
        _JOB = None
    entries: list[dict] = []
    for index in todo:
        _output, found, records, _fast = done[index]
        for level, message in records:
            log.log(level, message)
        entries += found
    return entries


def _in_process(count: int) -> bool:
    """Whether *count* pages are rendered here rather than by forked workers."""
    return count < IN_PROCESS_BELOW or (os.cpu_count() or 1) < 2


def _key(prints: str, file) -> str:
    with open(file.abs_src_path, "rb") as source:
        return hashlib.sha256(prints.encode() + file.src_uri.encode() + b"\0" + source.read()).hexdigest()


def _build_indexed(index: int):
    return index, _build_one(index)


def _build_one(index: int) -> tuple[bytes, list, list, bool]:
    """Page *index* of the job: built and written; returns (output, search entries, log records,
    whether the compiled engine rendered its Markdown)."""
    job = _JOB
    records: list[tuple[int, str]] = []
    handler = compiled.Recorder(records)
    logging.getLogger("mkdocs").addHandler(handler)
    kept = len(job.search.entries) if job.search is not None else 0
    try:
        output, fast = _page_output(job, job.taken[index])
        entries = job.search.entries[kept:] if job.search is not None else []
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
        if job.search is not None:
            del job.search.entries[kept:]
    return output, entries, records, fast


def _page_output(job: _Job, file) -> tuple[bytes, bool]:
    config = job.config
    page = Page(None, file, config)
    config._current_page = page
    try:
        fast = _populate(job, page)
        output = _render(job, page)
    finally:
        config._current_page = None
    data = output.encode("utf-8", errors="xmlcharrefreplace")
    if output.strip():
        _write(data, file.abs_dest_path)
    return (data if job.keep else b""), fast


def _write(data: bytes, path: str) -> None:
    """mkdocs' ``write_file`` without its ``makedirs`` (a few system calls a page) but for the
    first page of each folder, which finds none to write into."""
    try:
        with open(path, "wb") as out:
            out.write(data)
    except FileNotFoundError:
        utils.write_file(data, path)


def _populate(job: _Job, page) -> bool:
    """mkdocs' ``_populate_page``, with the compiled engine where it renders alike (then True)."""
    config, files = job.config, job.files
    config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    fast = job.engine.accepts(page.markdown)
    if fast:
        job.engine.render_into(page, page.markdown, config, files)
    else:
        page.render(config, files)
    page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    return fast


def _render(job: _Job, page) -> str:
    """The page's HTML, after the plugins' on_post_page."""
    config = job.config
    shell = None if page.meta else job.shell(page.file.src_uri.count("/"), shells.shape(page.toc, page.content))
    if shell is None:
        return config.plugins.on_post_page(job.render_whole(page), page=page, config=config)
    title = page.title or ""  # before the plugins' on_page_context, as the shell's marker was
    page.active = True
    try:
        context = job.context(page)
        content = context["page"].content
        toc = "".join(job.render_item(context, item) for item in shells.shown_items(page.toc))
        first = next(iter(page.toc)).url if list(page.toc) else ""
        canonical = page.canonical_url or ""
    finally:
        page.active = False
    whole, squeezed = shell
    if squeezed is not None and job.post.parts_squeeze(content + toc):
        part = job.post.squeeze_part
        return job.post.squeeze_joined(squeezed.fill(title=title, content=part(content), toc=part(toc),
                                                     first_url=first, canonical=canonical))
    output = whole.fill(title=title, content=content, toc=toc, first_url=first, canonical=canonical)
    return config.plugins.on_post_page(output, page=page, config=config)


def _entry_key(item) -> str:
    return repr((item.title, item.url, getattr(item, "typeset", None), [_entry_key(c) for c in item.children]))
