/* Provider Catalog: sortable and filterable tables. Vanilla JavaScript, no dependencies,
 * vendored with the site so it works offline.
 *
 * Sorting: every table in the page content gets clickable headers. A cell's data-sort
 * attribute (or that of an element inside it), when present, is its sort key (a number for data-type="number" headers);
 * an empty key is unknown and sorts last in both directions.
 * Filtering: a <form class="pc-filters" data-table="ID"> narrows the rows of table ID by
 * provider, feature, modality, maximum input price and free text (row data attributes).
 * Rows: a table with data-rows="all" (every offering) or "compare" (one canonical model, picked
 * in <form class="pc-compare">) is filled from window.provcatData (assets/site-data.js). Text is
 * set with textContent, never parsed as HTML.
 */
(function () {
  "use strict";

  function cellKey(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    if (cell.hasAttribute("data-sort")) return cell.getAttribute("data-sort");
    var inner = cell.querySelector("[data-sort]");  /* a Markdown table's cell carries its key in a span */
    return inner ? inner.getAttribute("data-sort") : cell.textContent.trim();
  }

  function compare(a, b, numeric) {
    if (a === "" || b === "") return a === b ? 0 : (a === "" ? 1 : -1);
    if (numeric) return parseFloat(a) - parseFloat(b);
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  /* Every row of a table in its current order. Rows filtered out or past the page size
   * (data-page-size) stay here, out of the document: laying out thousands of rows after every
   * click would take seconds. */
  function allRows(table) {
    if (!table.pcRows) table.pcRows = Array.prototype.slice.call(table.tBodies[0].rows);
    return table.pcRows;
  }

  function moreButton(table) {
    if (!table.pcMore) {
      table.pcMore = document.createElement("button");
      table.pcMore.type = "button";
      table.pcMore.className = "md-button pc-more";
      table.pcMore.addEventListener("click", function () {
        table.pcShown += table.pcPage;
        render(table);
      });
      table.parentNode.insertBefore(table.pcMore, table.nextSibling);
    }
    return table.pcMore;
  }

  function render(table) {
    var filter = table.pcFilter;
    var rows = allRows(table);
    var matching = filter ? rows.filter(function (row) { return matches(row, filter); }) : rows;
    var shown = matching.slice(0, table.pcShown);
    var body = table.tBodies[0];
    var parent = body.parentNode;
    parent.removeChild(body);
    while (body.firstChild) body.removeChild(body.firstChild);
    shown.forEach(function (row) { body.appendChild(row); });
    parent.appendChild(body);
    var rest = matching.length - shown.length;
    if (rest > 0 || table.pcMore) {
      moreButton(table).hidden = rest <= 0;
      table.pcMore.textContent = "Show " + Math.min(rest, table.pcPage) + " more of " + rest;
    }
    if (table.pcForm) {
      table.pcForm.elements.count.value = matching.length + " of " + rows.length +
        (rest > 0 ? " (first " + shown.length + " shown)" : "");
    }
  }

  function paginate(table) {
    table.pcPage = Number(table.getAttribute("data-page-size")) || Infinity;
    table.pcShown = table.pcPage;
  }

  function sortBy(table, header, index) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var numeric = header.getAttribute("data-type") === "number";
    var rows = allRows(table).map(function (row, position) {
      return { row: row, key: cellKey(row, index), position: position };
    });
    rows.sort(function (x, y) {
      var unknownLast = (x.key === "") - (y.key === "");
      if (unknownLast) return unknownLast;
      var order = compare(x.key, y.key, numeric);
      return (ascending ? order : -order) || x.position - y.position;
    });
    table.pcRows = rows.map(function (item) { return item.row; });
    if (table.pcPage === undefined) paginate(table);
    render(table);
    Array.prototype.forEach.call(header.parentNode.cells, function (other) {
      other.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function makeSortable(table) {
    if (table.getAttribute("data-pc-sortable") === "on" || !table.tHead || !table.tBodies.length) return;
    table.setAttribute("data-pc-sortable", "on");
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (header, index) {
      header.classList.add("pc-sortable");
      header.setAttribute("tabindex", "0");
      header.setAttribute("title", "Sort by " + header.textContent.trim());
      header.addEventListener("click", function () { sortBy(table, header, index); });
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(table, header, index); }
      });
    });
  }

  function matches(row, filter) {
    if (filter.provider && row.getAttribute("data-provider") !== filter.provider) return false;
    var features = " " + (row.getAttribute("data-features") || "") + " ";
    if (filter.feature && features.indexOf(" " + filter.feature + " ") < 0) return false;
    var modalities = " " + (row.getAttribute("data-modalities") || "") + " ";
    if (filter.modality && modalities.indexOf(" " + filter.modality + " ") < 0) return false;
    if (filter.maxPrice !== null) {
      var price = row.getAttribute("data-price");
      if (price === null || price === "" || parseFloat(price) > filter.maxPrice) return false;
    }
    return !filter.text || row.textContent.toLowerCase().indexOf(filter.text) >= 0;
  }

  function readFilter(form) {
    var maxPrice = form.elements["max-price"].value.trim();
    return {
      provider: form.elements.provider.value,
      feature: form.elements.feature.value,
      modality: form.elements.modality.value,
      maxPrice: maxPrice === "" || isNaN(parseFloat(maxPrice)) ? null : parseFloat(maxPrice),
      text: form.elements.q.value.trim().toLowerCase()
    };
  }

  function applyFilter(form, table) {
    table.pcFilter = readFilter(form);
    table.pcForm = form;
    paginate(table);
    render(table);
  }

  function makeFilterable(form) {
    var table = document.getElementById(form.getAttribute("data-table"));
    if (!table || form.getAttribute("data-pc-filter") === "on") return;
    form.setAttribute("data-pc-filter", "on");
    var update = function () { applyFilter(form, table); };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    update();
  }

  function indexOf(fields) {
    var index = {};
    fields.forEach(function (name, position) { index[name] = position; });
    return index;
  }

  function addCell(tr, text, sortKey) {
    var td = document.createElement("td");
    td.textContent = text;
    if (sortKey !== undefined) td.setAttribute("data-sort", sortKey === null ? "" : String(sortKey));
    tr.appendChild(td);
    return td;
  }

  function addLink(td, href, text) {
    var a = document.createElement("a");
    a.setAttribute("href", href);
    a.textContent = text;
    td.appendChild(a);
  }

  function featureText(data, keys) {
    return keys ? keys.split(" ").map(function (key) { return data.features[key] || key; }).join(", ") : "";
  }

  /* A count in a table column: plain digits, or the unknown marker the data names (format.py's). */
  function countText(data, value) {
    return value === null ? data.unknown : Number(value).toLocaleString("en-US");
  }

  /* The provider's logo (providers/<id>/logo.svg, beside its page) and linked name. */
  function providerCell(tr, row, f) {
    var td = addCell(tr, "");
    td.className = "pc-provider-cell";
    var logo = document.createElement("img");
    logo.setAttribute("src", row[f.provider_page].replace(/[^/]*$/, "logo.svg"));
    logo.setAttribute("alt", "");
    logo.className = "pc-logo";
    td.appendChild(logo);
    addLink(td, row[f.provider_page], row[f.provider_name]);
    return td;
  }

  function linkCell(tr, href, text) {
    var td = addCell(tr, "");
    addLink(td, href, text);
    return td;
  }

  function allModelsRow(data, f, row) {
    var tr = document.createElement("tr");
    tr.setAttribute("data-provider", row[f.provider]);
    tr.setAttribute("data-features", row[f.features]);
    tr.setAttribute("data-modalities", row[f.modalities]);
    tr.setAttribute("data-price", row[f.input] === null ? "" : row[f.input]);
    providerCell(tr, row, f);
    var model = linkCell(tr, row[f.page], row[f.name]);
    if (row[f.id] !== row[f.name]) {
      model.appendChild(document.createElement("br"));
      model.appendChild(document.createElement("code")).textContent = row[f.id];
    }
    addCell(tr, row[f.kind]);
    addCell(tr, countText(data, row[f.context]), row[f.context]);
    addCell(tr, row[f.input_label], row[f.input]);
    addCell(tr, row[f.output_label], row[f.output]);
    addCell(tr, featureText(data, row[f.features]));
    addCell(tr, row[f.status]);
    return tr;
  }

  function compareRow(data, f, row) {
    var tr = document.createElement("tr");
    providerCell(tr, row, f);
    linkCell(tr, row[f.page], row[f.id]);
    addCell(tr, countText(data, row[f.context]), row[f.context]);
    addCell(tr, countText(data, row[f.max_output]), row[f.max_output]);
    addCell(tr, row[f.input_label], row[f.input]);
    addCell(tr, row[f.output_label], row[f.output]);
    addCell(tr, row[f.cached_label]);
    addCell(tr, featureText(data, row[f.features]));
    addCell(tr, row[f.status]);
    return tr;
  }

  function fillAllModels(table, data) {
    var f = indexOf(data.fields);
    var fragment = document.createDocumentFragment();
    data.rows.forEach(function (row) { fragment.appendChild(allModelsRow(data, f, row)); });
    table.tBodies[0].appendChild(fragment);
  }

  function showComparison(form, table, data, position) {
    var f = indexOf(data.fields);
    var comparison = data.comparisons[position];
    var body = table.tBodies[0];
    while (body.firstChild) body.removeChild(body.firstChild);
    comparison.rows.forEach(function (index) { body.appendChild(compareRow(data, f, data.rows[index])); });
    table.pcRows = null;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    form.elements.count.value = comparison.rows.length + " offerings of " + comparison.id +
      (comparison.authors.length ? " by " + comparison.authors.join(", ") : "");
  }

  function makeComparison(form, data) {
    var table = document.getElementById(form.getAttribute("data-table"));
    var select = form.elements.model;
    if (!table || select.options.length) return;
    data.comparisons.forEach(function (comparison, position) {
      var option = document.createElement("option");
      option.value = String(position);
      option.textContent = comparison.name + " (" + comparison.id + ")";
      select.appendChild(option);
    });
    var wanted = decodeURIComponent((location.hash.match(/^#model=(.+)$/) || [])[1] || "");
    var start = data.comparisons.findIndex(function (c) { return c.id === wanted; });
    select.value = String(start < 0 ? 0 : start);
    var update = function () {
      showComparison(form, table, data, Number(select.value));
      history.replaceState(null, "", "#model=" + encodeURIComponent(data.comparisons[Number(select.value)].id));
    };
    select.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    showComparison(form, table, data, Number(select.value));
  }

  function fillTables() {
    var data = window.provcatData;
    if (!data) return;
    var all = document.querySelector("table[data-rows='all']");
    if (all && !all.tBodies[0].rows.length) fillAllModels(all, data);
    Array.prototype.forEach.call(document.querySelectorAll("form.pc-compare"), function (form) {
      makeComparison(form, data);
    });
  }

  function init() {
    fillTables();
    Array.prototype.forEach.call(document.querySelectorAll(".md-content table"), makeSortable);
    Array.prototype.forEach.call(document.querySelectorAll("form.pc-filters"), makeFilterable);
  }

  /* Material's instant navigation replaces the page without a load event: follow document$. */
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
