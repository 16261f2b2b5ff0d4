"""mkdocs' page events for the pages built beside it (:mod:`.fast_pages`), where they can be cheaper."""

from __future__ import annotations

from material.plugins.search.plugin import SearchPlugin as _MaterialSearch


def page_context(config, context, page, nav):
    """The plugins' ``on_page_context`` (mkdocs' ``run_event``), without the search plugin's
    handler where it would change nothing: for a page already indexed (``search: exclude`` set by
    ours, which runs first) it only strips ``data-search-*`` attributes from the content, with a
    regular expression that costs more than the rest of the event when there are none."""
    for method in config.plugins.events["page_context"]:
        if getattr(method, "__func__", None) is _MaterialSearch.on_page_context and _search_idle(page):
            continue
        result = method(context, page=page, config=config, nav=nav)
        if result is not None:
            context = result
    return context


def _search_idle(page) -> bool:
    return bool((page.meta.get("search") or {}).get("exclude")) and "data-search-" not in (page.content or "")


def search_plugin(config):
    """The search plugin (Material's, or one with its index), None when there is none."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index"):
            return plugin
    return None


def search_index(config):
    """The search plugin's index, None when search is off or not there."""
    plugin = search_plugin(config)
    return plugin.search_index if plugin is not None and plugin.config.enabled else None
