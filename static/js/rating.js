// Live total and shares of each quality-rating row: the clerk sees 8,36% before submitting.
// Shares are rounded half up to two decimals, as personnel/models.py `share` does on the server.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "vi";
  var grades = ["excellent", "good", "completed", "not_completed"];
  var fmtInt = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB");
  var fmtPct = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", {
    minimumFractionDigits: 2, maximumFractionDigits: 2,
  });

  function count(row, name) {
    var input = row.querySelector('[data-figure="' + name + '"]');
    if (!input || input.value.trim() === "") return null;
    var n = Number(input.value);
    return Number.isInteger(n) && n >= 0 ? n : null;
  }

  function update(row) {
    var counts = grades.map(function (g) { return count(row, g); });
    var total = counts.reduce(function (a, b) { return a + (b || 0); }, 0);
    var any = counts.some(function (c) { return c !== null; });
    row.querySelector('[data-rating="total"]').textContent = any ? fmtInt.format(total) : "—";
    grades.forEach(function (g, i) {
      var cell = row.querySelector('[data-share="' + g + '"]');
      if (!total || counts[i] === null) { cell.textContent = "—"; return; }
      // Integer arithmetic in hundredths of a percent, half up: no binary-float surprises.
      var hundredths = Math.floor((counts[i] * 10000 * 2 + total) / (2 * total));
      cell.textContent = fmtPct.format(hundredths / 100) + "%";
    });
  }

  function init() {
    document.querySelectorAll("[data-rating-row]").forEach(function (row) {
      if (row.querySelector('[data-rating="total"]')) update(row);
    });
  }

  // Delegated: rows added by "Thêm dòng" (static/js/report_page.js) get their shares too.
  document.addEventListener("input", function (event) {
    var row = event.target.closest && event.target.closest("[data-rating-row]");
    if (row && row.querySelector('[data-rating="total"]')) update(row);
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
