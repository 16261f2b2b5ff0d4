/* Provider Catalog: what the site adds to the generated pages, in the browser. Vanilla JavaScript,
 * no dependencies, vendored with the site so it works offline; the pages read the same without it.
 *
 * - Marks and feature emoji become icons from Material Design Icons (the set Material for MkDocs
 *   ships, path data below copied from its .icons/material/*.svg), each with an accessible name, so
 *   a browser without an emoji font reads "Supported", "Not supported", "Unknown", "Reasoning".
 *   The Markdown keeps its emoji (the seed's page is reproduced byte for byte).
 * - A paragraph of "**Key**: value" lines becomes a facts grid (<dl class="pc-facts">).
 * - Buttons with data-copy put their value on the clipboard; ids in a facts grid get one.
 * - Counts in table cells get thousands separators (the sort key stays the plain number).
 * - A long table without its own filter gets a text filter.
 * - The theme's search dialog gets a name (axe-core's aria-dialog-name).
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var PATHS = {
    "check-circle": "M12 2C6.5 2 2 6.5 2 12s4.5 10 10 10 10-4.5 10-10S17.5 2 12 2m-2 15-5-5 1.41-1.41L10 14.17l7.59-7.59L19 8z",
    "close-circle": "M12 2c5.53 0 10 4.47 10 10s-4.47 10-10 10S2 17.53 2 12 6.47 2 12 2m3.59 5L12 10.59 8.41 7 7 8.41 10.59 12 7 15.59 8.41 17 12 13.41 15.59 17 17 15.59 13.41 12 17 8.41z",
    "help-circle-outline": "M11 18h2v-2h-2zm1-16A10 10 0 0 0 2 12a10 10 0 0 0 10 10 10 10 0 0 0 10-10A10 10 0 0 0 12 2m0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8m0-14a4 4 0 0 0-4 4h2a2 2 0 0 1 2-2 2 2 0 0 1 2 2c0 2-3 1.75-3 5h2c0-2.25 3-2.5 3-5a4 4 0 0 0-4-4",
    "text-box-outline": "M5 3c-1.11 0-2 .89-2 2v14c0 1.11.89 2 2 2h14c1.11 0 2-.89 2-2V5c0-1.11-.89-2-2-2zm0 2h14v14H5zm2 2v2h10V7zm0 4v2h10v-2zm0 4v2h7v-2z",
    "eye-outline": "M12 9a3 3 0 0 1 3 3 3 3 0 0 1-3 3 3 3 0 0 1-3-3 3 3 0 0 1 3-3m0-4.5c5 0 9.27 3.11 11 7.5-1.73 4.39-6 7.5-11 7.5S2.73 16.39 1 12c1.73-4.39 6-7.5 11-7.5M3.18 12a9.821 9.821 0 0 0 17.64 0 9.821 9.821 0 0 0-17.64 0",
    "image-outline": "M19 19H5V5h14m0-2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2m-5.04 9.29-2.75 3.54-1.96-2.36L6.5 17h11z",
    "volume-high": "M14 3.23v2.06c2.89.86 5 3.54 5 6.71s-2.11 5.84-5 6.7v2.07c4-.91 7-4.49 7-8.77s-3-7.86-7-8.77M16.5 12c0-1.77-1-3.29-2.5-4.03V16c1.5-.71 2.5-2.24 2.5-4M3 9v6h4l5 5V4L7 9z",
    "video-outline": "M15 8v8H5V8zm1-2H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-3.5l4 4v-11l-4 4V7a1 1 0 0 0-1-1",
    "wrench-outline": "m22.61 19-9.08-9.09c.93-2.34.47-5.1-1.44-7C9.79.61 6.21.4 3.66 2.26L7.5 6.11 6.08 7.5 2.25 3.69C.39 6.23.6 9.82 2.9 12.11c1.86 1.86 4.57 2.35 6.89 1.48l9.11 9.11c.39.39 1.02.39 1.41 0l2.3-2.3c.39-.4.39-1.01 0-1.4m-3 1.59-9.46-9.46c-.61.45-1.29.72-2 .82-1.36.2-2.79-.21-3.83-1.25C3.37 9.76 2.93 8.5 3 7.26l3.09 3.09 4.24-4.24L7.24 3c1.26-.05 2.49.39 3.44 1.33a4.47 4.47 0 0 1 1.24 3.96 4.35 4.35 0 0 1-.88 1.96l9.46 9.45z",
    "web": "M16.36 14c.08-.66.14-1.32.14-2s-.06-1.34-.14-2h3.38c.16.64.26 1.31.26 2s-.1 1.36-.26 2m-5.15 5.56c.6-1.11 1.06-2.31 1.38-3.56h2.95a8.03 8.03 0 0 1-4.33 3.56M14.34 14H9.66c-.1-.66-.16-1.32-.16-2s.06-1.35.16-2h4.68c.09.65.16 1.32.16 2s-.07 1.34-.16 2M12 19.96c-.83-1.2-1.5-2.53-1.91-3.96h3.82c-.41 1.43-1.08 2.76-1.91 3.96M8 8H5.08A7.92 7.92 0 0 1 9.4 4.44C8.8 5.55 8.35 6.75 8 8m-2.92 8H8c.35 1.25.8 2.45 1.4 3.56A8 8 0 0 1 5.08 16m-.82-2C4.1 13.36 4 12.69 4 12s.1-1.36.26-2h3.38c-.08.66-.14 1.32-.14 2s.06 1.34.14 2M12 4.03c.83 1.2 1.5 2.54 1.91 3.97h-3.82c.41-1.43 1.08-2.77 1.91-3.97M18.92 8h-2.95a15.7 15.7 0 0 0-1.38-3.56c1.84.63 3.37 1.9 4.33 3.56M12 2C6.47 2 2 6.5 2 12a10 10 0 0 0 10 10 10 10 0 0 0 10-10A10 10 0 0 0 12 2",
    "brain": "M21.33 12.91c.09 1.55-.62 3.04-1.89 3.95l.77 1.49c.23.45.26.98.06 1.45-.19.47-.58.84-1.06 1l-.79.25a1.687 1.687 0 0 1-1.86-.55L14.44 18c-.89-.15-1.73-.53-2.44-1.1-.5.15-1 .23-1.5.23-.88 0-1.76-.27-2.5-.79-.53.16-1.07.23-1.62.22-.79.01-1.57-.15-2.3-.45a4.1 4.1 0 0 1-2.43-3.61c-.08-.72.04-1.45.35-2.11-.29-.75-.32-1.57-.07-2.33C2.3 7.11 3 6.32 3.87 5.82c.58-1.69 2.21-2.82 4-2.7 1.6-1.5 4.05-1.66 5.83-.37.42-.11.86-.17 1.3-.17 1.36-.03 2.65.57 3.5 1.64 2.04.53 3.5 2.35 3.58 4.47.05 1.11-.25 2.2-.86 3.13.07.36.11.72.11 1.09m-5-1.41c.57.07 1.02.5 1.02 1.07a1 1 0 0 1-1 1h-.63c-.32.9-.88 1.69-1.62 2.29.25.09.51.14.77.21 5.13-.07 4.53-3.2 4.53-3.25a2.59 2.59 0 0 0-2.69-2.49 1 1 0 0 1-1-1 1 1 0 0 1 1-1c1.23.03 2.41.49 3.33 1.3.05-.29.08-.59.08-.89-.06-1.24-.62-2.32-2.87-2.53-1.25-2.96-4.4-1.32-4.4-.4-.03.23.21.72.25.75a1 1 0 0 1 1 1c0 .55-.45 1-1 1-.53-.02-1.03-.22-1.43-.56-.48.31-1.03.5-1.6.56-.57.05-1.04-.35-1.07-.9a.97.97 0 0 1 .88-1.1c.16-.02.94-.14.94-.77 0-.66.25-1.29.68-1.79-.92-.25-1.91.08-2.91 1.29C6.75 5 6 5.25 5.45 7.2 4.5 7.67 4 8 3.78 9c1.08-.22 2.19-.13 3.22.25.5.19.78.75.59 1.29-.19.52-.77.78-1.29.59-.73-.32-1.55-.34-2.3-.06-.32.27-.32.83-.32 1.27 0 .74.37 1.43 1 1.83.53.27 1.12.41 1.71.4q-.225-.39-.39-.81a1.038 1.038 0 0 1 1.96-.68c.4 1.14 1.42 1.92 2.62 2.05 1.37-.07 2.59-.88 3.19-2.13.23-1.38 1.34-1.5 2.56-1.5m2 7.47-.62-1.3-.71.16 1 1.25zm-4.65-8.61a1 1 0 0 0-.91-1.03c-.71-.04-1.4.2-1.93.67-.57.58-.87 1.38-.84 2.19a1 1 0 0 0 1 1c.57 0 1-.45 1-1 0-.27.07-.54.23-.76.12-.1.27-.15.43-.15.55.03 1.02-.38 1.02-.92",
    "paperclip": "M16.5 6v11.5a4 4 0 0 1-4 4 4 4 0 0 1-4-4V5A2.5 2.5 0 0 1 11 2.5 2.5 2.5 0 0 1 13.5 5v10.5a1 1 0 0 1-1 1 1 1 0 0 1-1-1V6H10v9.5a2.5 2.5 0 0 0 2.5 2.5 2.5 2.5 0 0 0 2.5-2.5V5a4 4 0 0 0-4-4 4 4 0 0 0-4 4v12.5a5.5 5.5 0 0 0 5.5 5.5 5.5 5.5 0 0 0 5.5-5.5V6z",
    "lightning-bolt": "M11 15H6l7-14v8h5l-7 14z",
    "code-json": "M5 3h2v2H5v5a2 2 0 0 1-2 2 2 2 0 0 1 2 2v5h2v2H5c-1.07-.27-2-.9-2-2v-4a2 2 0 0 0-2-2H0v-2h1a2 2 0 0 0 2-2V5a2 2 0 0 1 2-2m14 0a2 2 0 0 1 2 2v4a2 2 0 0 0 2 2h1v2h-1a2 2 0 0 0-2 2v4a2 2 0 0 1-2 2h-2v-2h2v-5a2 2 0 0 1 2-2 2 2 0 0 1-2-2V5h-2V3zm-7 12a1 1 0 0 1 1 1 1 1 0 0 1-1 1 1 1 0 0 1-1-1 1 1 0 0 1 1-1m-4 0a1 1 0 0 1 1 1 1 1 0 0 1-1 1 1 1 0 0 1-1-1 1 1 0 0 1 1-1m8 0a1 1 0 0 1 1 1 1 1 0 0 1-1 1 1 1 0 0 1-1-1 1 1 0 0 1 1-1",
    "link-variant": "M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5.003 5.003 0 0 1 0-7.07l3.54-3.54a5.003 5.003 0 0 1 7.07 0 5.003 5.003 0 0 1 0 7.07l-1.49 1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a2.98 2.98 0 0 0 0-4.24 2.98 2.98 0 0 0-4.24 0l-3.53 3.53a2.98 2.98 0 0 0 0 4.24m2.82-4.24c.39-.39 1.03-.39 1.42 0a5.003 5.003 0 0 1 0 7.07l-3.54 3.54a5.003 5.003 0 0 1-7.07 0 5.003 5.003 0 0 1 0-7.07l1.49-1.49c-.01.82.12 1.64.4 2.43l-.47.47a2.98 2.98 0 0 0 0 4.24 2.98 2.98 0 0 0 4.24 0l3.53-3.53a2.98 2.98 0 0 0 0-4.24.973.973 0 0 1 0-1.42",
    "lock-outline": "M12 17a2 2 0 0 1-2-2c0-1.11.89-2 2-2a2 2 0 0 1 2 2 2 2 0 0 1-2 2m6 3V10H6v10zm0-12a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V10c0-1.11.89-2 2-2h1V6a5 5 0 0 1 5-5 5 5 0 0 1 5 5v2zm-6-5a3 3 0 0 0-3 3v2h6V6a3 3 0 0 0-3-3",
    "timer-outline": "M12 20a7 7 0 0 1-7-7 7 7 0 0 1 7-7 7 7 0 0 1 7 7 7 7 0 0 1-7 7m7.03-12.61 1.42-1.42c-.45-.51-.9-.97-1.41-1.41L17.62 6c-1.55-1.26-3.5-2-5.62-2a9 9 0 0 0-9 9 9 9 0 0 0 9 9c5 0 9-4.03 9-9 0-2.12-.74-4.07-1.97-5.61M11 14h2V8h-2m4-7H9v2h6z",
    "shield-check-outline": "M21 11c0 5.55-3.84 10.74-9 12-5.16-1.26-9-6.45-9-12V5l9-4 9 4zm-9 10c3.75-1 7-5.46 7-9.78V6.3l-7-3.12L5 6.3v4.92C5 15.54 8.25 20 12 21m-2-4-4-4 1.41-1.41L10 14.17l6.59-6.59L18 9",
    "content-copy": "M19 21H8V7h11m0-2H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2m-3-4H4a2 2 0 0 0-2 2v14h2V3h12z",
    "file-document-outline": "M6 2a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8l-6-6zm0 2h7v5h5v11H6zm2 8v2h8v-2zm0 4v2h5v-2z",
    "check": "M21 7 9 19l-5.5-5.5 1.41-1.41L9 16.17 19.59 5.59z"
  };
  /* Emoji (without U+FE0F) -> [icon, accessible name, kind]. kind "mark" is a fact (yes, no,
   * unknown), "feature" takes its name from the title of the span around it, "deco" is decoration
   * beside words that already say it. */
  var EMOJI = {
    "\u2705": ["check-circle", "Supported", "yes"],
    "\u274C": ["close-circle", "Not supported", "no"],
    "\u2754": ["help-circle-outline", "Unknown", "unknown"],
    "\uD83D\uDCDD": ["text-box-outline", "Text Processing", "feature"],
    "\uD83D\uDC41": ["eye-outline", "Vision/Image Input", "feature"],
    "\uD83D\uDDBC": ["image-outline", "Image Generation", "feature"],
    "\uD83D\uDD0A": ["volume-high", "Audio Processing", "feature"],
    "\uD83C\uDFA5": ["video-outline", "Video Generation", "feature"],
    "\uD83D\uDD27": ["wrench-outline", "Tool Calling", "feature"],
    "\uD83D\uDD0D": ["web", "Web Search", "feature"],
    "\uD83E\uDDE0": ["brain", "Reasoning", "feature"],
    "\uD83D\uDCCE": ["paperclip", "File Attachments", "feature"],
    "\u26A1": ["lightning-bolt", "Streaming", "feature"],
    "\uD83D\uDCCA": ["code-json", "Structured Outputs", "feature"],
    "\uD83D\uDCC4": ["file-document-outline", "PDF", "feature"],
    "\uD83D\uDD17": ["link-variant", "", "deco"],
    "\uD83D\uDD12": ["lock-outline", "", "deco"],
    "\u23F1": ["timer-outline", "", "deco"],
    "\uD83D\uDEE1": ["shield-check-outline", "", "deco"]
  };
  var EMOJI_RE = new RegExp("(" + Object.keys(EMOJI).join("|") + ")\uFE0F?", "g");
  var COPY_KEYS = { "Model ID": 1, "API Key Name": 1, "Base URL": 1, "Chat Completions": 1 };

  function icon(name, label, kind) {
    var span = document.createElement("span");
    span.className = "pc-icon pc-icon--" + kind;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", PATHS[name]);
    svg.appendChild(path);
    span.appendChild(svg);
    if (!label) { span.setAttribute("aria-hidden", "true"); return span; }
    span.setAttribute("role", "img");
    span.setAttribute("aria-label", label);
    span.setAttribute("title", label);
    if (kind === "unknown") span.appendChild(document.createTextNode(" " + label));
    return span;
  }

  /* *named*: the words after the mark already say it (a legend), so no visible label is added. */
  function iconFor(emoji, textNode, named) {
    var entry = EMOJI[emoji];
    var label = entry[1];
    var holder = textNode.parentNode;
    if (entry[2] === "feature" && holder.getAttribute && holder.getAttribute("title")) {
      label = holder.getAttribute("title");
      holder.removeAttribute("title");  /* the icon carries it */
    }
    var made = icon(entry[0], label, entry[2]);
    if (named && made.lastChild.nodeType === 3) made.removeChild(made.lastChild);
    return made;
  }

  function swapText(node) {
    var text = node.nodeValue;
    EMOJI_RE.lastIndex = 0;
    if (!EMOJI_RE.test(text)) return;
    var fragment = document.createDocumentFragment();
    var last = 0;
    text.replace(EMOJI_RE, function (match, emoji, offset) {
      if (offset > last) fragment.appendChild(document.createTextNode(text.slice(last, offset)));
      var named = emoji === "\u2754" && /^\s*unknown/i.test(text.slice(offset + match.length));
      fragment.appendChild(iconFor(emoji, node, named));
      last = offset + match.length;
      return match;
    });
    if (last < text.length) fragment.appendChild(document.createTextNode(text.slice(last)));
    node.parentNode.replaceChild(fragment, node);
  }

  function swapMarks(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentNode.closest("code, pre, script, textarea, .pc-icon")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(swapText);
  }

  function copyButton(value, what) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "pc-copy";
    button.setAttribute("data-copy", value);
    button.setAttribute("aria-label", "Copy " + what);
    button.setAttribute("title", "Copy " + what);
    button.appendChild(icon("content-copy", "", "deco"));
    return button;
  }

  function copy(button) {
    var value = button.getAttribute("data-copy");
    var done = function () {
      button.classList.add("pc-copied");
      button.setAttribute("data-copied", value);
      setTimeout(function () { button.classList.remove("pc-copied"); }, 1500);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(value).then(done, function () {});
  }

  /* Yes, No and Unknown answers (privacy, moderation, open weights) read as badges. */
  var BADGES = { "Yes": "yes", "No": "no", "Unknown": "unknown" };

  function badge(dd, kind) {
    var span = document.createElement("span");
    span.className = "pc-badge pc-badge--" + kind;
    while (dd.firstChild) span.appendChild(dd.firstChild);
    dd.appendChild(span);
  }

  /* A paragraph made of "<strong>Key</strong>: value<br>" lines, and nothing else. */
  function factLines(p) {
    var lines = [], current = null;
    for (var node = p.firstChild; node; node = node.nextSibling) {
      if (node.nodeName === "STRONG" && (current === null || current.ended)) {
        var next = node.nextSibling;
        if (!next || next.nodeType !== 3 || next.nodeValue.indexOf(":") !== 0) return null;
        current = { key: node.textContent.trim(), value: [], ended: false };
        lines.push(current);
      } else if (node.nodeName === "BR") {
        if (!current) return null;
        current.ended = true;
      } else if (current && !current.ended) {
        current.value.push(node);
      } else if (node.nodeType !== 3 || node.nodeValue.trim()) {
        return null;
      }
    }
    return lines.length >= 2 ? lines : null;
  }

  function factsGrid(p) {
    var lines = factLines(p);
    if (!lines) return;
    var grid = document.createElement("dl");
    grid.className = "pc-facts";
    lines.forEach(function (line) {
      var item = grid.appendChild(document.createElement("div"));
      item.appendChild(document.createElement("dt")).textContent = line.key;
      var dd = item.appendChild(document.createElement("dd"));
      line.value.forEach(function (node) { dd.appendChild(node); });
      var first = dd.firstChild;
      if (first && first.nodeType === 3) first.nodeValue = first.nodeValue.replace(/^:\s*/, "");
      var value = dd.textContent.trim();
      if (BADGES[value]) badge(dd, BADGES[value]);
      else if (value === "N/A") dd.classList.add("pc-unknown");
      else if (COPY_KEYS[line.key]) dd.appendChild(copyButton(value, line.key + " " + value));
    });
    p.parentNode.replaceChild(grid, p);
  }

  function groupDigits(table) {
    Array.prototype.forEach.call(table.tBodies[0] ? table.tBodies[0].rows : [], function (row) {
      Array.prototype.forEach.call(row.cells, function (cell) {
        var text = cell.textContent.trim();
        if (!/^\d{4,}$/.test(text) || cell.children.length) return;
        if (!cell.hasAttribute("data-sort")) cell.setAttribute("data-sort", text);
        cell.textContent = Number(text).toLocaleString("en-US");
        cell.classList.add("pc-number");
      });
    });
  }

  var FILTER_FROM = 8;  /* rows: a shorter table is read at a glance */

  function addFilter(table, position) {
    var rows = table.tBodies[0] ? table.tBodies[0].rows.length : 0;
    if (rows < FILTER_FROM || table.id || table.closest("[data-pc-filter]")) return;
    var form = document.createElement("form");
    form.className = "pc-filters pc-text-filter";
    form.setAttribute("role", "search");
    var label = form.appendChild(document.createElement("label"));
    label.appendChild(document.createTextNode("Filter this table"));
    var input = label.appendChild(document.createElement("input"));
    input.type = "search";
    input.name = "q";
    input.placeholder = "id, name, feature";
    var count = form.appendChild(document.createElement("output"));
    count.setAttribute("aria-live", "polite");
    count.value = rows + " of " + rows;
    var all = Array.prototype.slice.call(table.tBodies[0].rows);
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLowerCase(), shown = 0;
      all.forEach(function (row) {
        row.hidden = wanted !== "" && row.textContent.toLowerCase().indexOf(wanted) < 0;
        if (!row.hidden) shown += 1;
      });
      count.value = shown + " of " + rows;
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var wrapper = table.closest(".md-typeset__scrollwrap") || table;
    wrapper.parentNode.insertBefore(form, wrapper);
  }

  /* A provider's own model id in a table: a copy button after it (after its link, not inside). */
  function copyIds(article) {
    Array.prototype.forEach.call(article.querySelectorAll("code.pc-id-code"), function (code) {
      var anchor = code.closest("a") || code;
      var value = code.textContent.trim();
      anchor.parentNode.insertBefore(copyButton(value, "model id " + value), anchor.nextSibling);
    });
  }

  function init() {
    var search = document.querySelector(".md-search[role='dialog']");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
    var article = document.querySelector(".md-content article");
    if (!article || article.getAttribute("data-pc-enhanced") === "on") return;
    article.setAttribute("data-pc-enhanced", "on");
    swapMarks(article);
    var toc = document.querySelector(".md-sidebar--secondary .md-nav--secondary");
    if (toc) swapMarks(toc);  /* the headings' icons, in the table of contents too */
    Array.prototype.forEach.call(article.querySelectorAll("p"), factsGrid);
    copyIds(article);
    Array.prototype.forEach.call(article.querySelectorAll("table:not([data-rows])"), function (table, i) {
      groupDigits(table);
      addFilter(table, i);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy]");
    if (button) copy(button);
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
