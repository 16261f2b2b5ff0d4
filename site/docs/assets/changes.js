// The Changes page's filters (by provider and kind of change). Without this script the form
// stays hidden and every row is shown.
(function () {
  function setUp() {
    var form = document.querySelector("form.pc-change-filters");
    var table = form && document.getElementById(form.getAttribute("data-table"));
    if (!table) return;
    form.hidden = false;
    function apply() {
      var provider = form.elements.provider.value, kind = form.elements.kind.value;
      var rows = table.tBodies[0].rows;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        row.hidden = (provider && row.getAttribute("data-provider") !== provider) ||
                     (kind && row.getAttribute("data-kind") !== kind);
      }
    }
    form.addEventListener("change", apply);
    apply();
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setUp);  // instant navigation
  else document.addEventListener("DOMContentLoaded", setUp);
})();
