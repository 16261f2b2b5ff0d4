"""One page's Markdown through the compiled engine, with mkdocs' link resolution.

Used for the pages outside the nav (:mod:`.fast_pages`) and, through the plugin's
``on_page_markdown`` and ``on_page_content``, for mkdocs' own pages: a page that
:func:`.fast_markdown.fast_ok` accepts is rendered here and handed to mkdocs as an empty
Markdown page, whose content, table of contents and title are then set to ours.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from mkdocs import utils
from mkdocs.structure.pages import _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc

from generator.outputs.site import fast_markdown

# A link urlsplit reads as a bare path: no scheme, query or fragment, nothing it strips or drops.
_BARE_PATH = re.compile(r"[^\x00-\x20:?#]+")


@dataclass
class Engine:
    """What deciding and rendering needs from the configuration, and the links resolved so far."""

    extensions: frozenset
    not_escaped: frozenset
    urls: dict = field(default_factory=dict)

    @classmethod
    def of(cls, config) -> Engine:
        return cls(frozenset(extension_names(config)), fast_markdown.escapable(escaped_chars(config)))

    def accepts(self, markdown: str) -> bool:
        return fast_markdown.fast_ok(markdown, self.extensions, self.not_escaped)

    def render_into(self, page, markdown: str, config, files) -> None:
        """Set *page*'s content, table of contents and title from *markdown*, as ``Page.render`` would."""
        rendered = fast_markdown.render(markdown, resolver(page, files, config, self.urls))
        page.content, page.toc = rendered.content, get_toc(rendered.toc)
        page._title_from_render = rendered.title
        page.present_anchor_ids = {token["id"] for token in _flat(rendered.toc)}


def _flat(tokens):
    for token in tokens:
        yield token
        yield from _flat(token["children"])


def resolver(page, files, config, urls: dict):
    """mkdocs' link resolution for *page* (``path_to_url``), remembered in *urls* per folder for
    the links it resolves without a word; a relative link to a page or file that exists is
    resolved here as mkdocs does, without the bookkeeping."""
    folder = posixpath.dirname(page.file.src_uri)
    processor = _RelativePathTreeprocessor(page.file, files, config)

    def resolved(url: str) -> str:
        key = (folder, url)
        if key not in urls:
            result = _plain_link(url, page.file, files)
            if result is None:
                result, logged = _logged(processor.path_to_url, url)
                if logged or url.startswith("#"):  # its warning is the page's own: not kept
                    return result
            urls[key] = result
        return urls[key]
    return resolved



def _plain_link(url: str, file, files) -> str | None:
    """*url* as mkdocs' ``path_to_url`` resolves it when it is external, or relative to a file that
    exists (the common cases, which it resolves without a warning); None for any other link."""
    if _BARE_PATH.fullmatch(url) and not url.startswith("//"):
        scheme, netloc, path, query, anchor = "", "", url, "", ""  # what urlsplit gives it
    else:
        scheme, netloc, path, query, anchor = urlsplit(url)
    if scheme or netloc:
        return url
    if not path or path.startswith(("/", "\\")) or "\x02amp\x03" in url:
        return None
    target = _file_at(files, _RelativePathTreeprocessor._target_uri(file.src_uri, unquote(path)))
    if target is None:
        return None
    relative = utils.get_relative_url(target.url, file.url)
    return relative + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")  # urlunsplit's


def _file_at(files, uri: str):
    """``files.get_file_from_path(uri)`` for a normalised POSIX *uri* (``_target_uri``'s), which its
    ``PurePath(uri).as_posix()`` leaves as it is: looked up without making the path."""
    by_uri = getattr(files, "_src_uris", None)
    if by_uri is None or os.sep != "/" or "\\" in uri:
        return files.get_file_from_path(uri)
    return by_uri.get(uri)


def _logged(resolve, url: str) -> tuple[str, bool]:
    """``resolve(url)``, and whether it logged anything at INFO or above."""
    counter = Recorder([], logging.INFO)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    try:
        result = resolve(url)
    finally:
        logger.removeHandler(counter)
    return result, bool(counter.records)


class Recorder(logging.Handler):
    """Keeps the warnings a page's build logs, to log them again in the main process (strict mode counts them)."""

    def __init__(self, records: list, level: int = logging.WARNING):
        super().__init__(level)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.getMessage()))


def extension_names(config) -> list[str]:
    names = []
    for extension in config.markdown_extensions:
        name = extension if isinstance(extension, str) else type(extension).__module__
        names.append(name.rsplit(".", 1)[-1] if name.startswith("markdown.extensions.") else name)
    return names


def escaped_chars(config) -> list[str]:
    import markdown

    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {})
    return md.ESCAPED_CHARS


