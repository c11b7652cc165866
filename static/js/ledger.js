// Live rates of each one-stop ledger row, so the clerk sees the result before submitting.
// Resolved rate = resolved / received; on-time rate = (early + on time) / resolved. Vietnamese format: 99,38%.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "vi";
  var fmt = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", {
    style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2,
  });

  function value(row, name) {
    var input = row.querySelector('[data-figure="' + name + '"]');
    if (!input || input.value.trim() === "") return null;
    var n = Number(input.value.replace(/\./g, "").replace(",", "."));
    return Number.isFinite(n) ? n : null;
  }

  function update(row) {
    var received = value(row, "received_total");
    var resolved = value(row, "resolved_total");
    var early = value(row, "resolved_early");
    var onTime = value(row, "resolved_on_time");
    var inTime = early === null && onTime === null ? null : (early || 0) + (onTime || 0);
    var resolvedRate = received && resolved !== null ? resolved / received : null;
    var onTimeRate = resolved && inTime !== null ? inTime / resolved : null;
    row.querySelector('[data-rate="resolved"]').textContent = resolvedRate === null ? "—" : fmt.format(resolvedRate);
    row.querySelector('[data-rate="on_time"]').textContent = onTimeRate === null ? "—" : fmt.format(onTimeRate);
  }

  function init() {
    document.querySelectorAll("[data-ledger-row]").forEach(update);
  }

  // Delegated: rows added by "Thêm dòng" (static/js/report_page.js) get their rates too.
  document.addEventListener("input", function (event) {
    var row = event.target.closest && event.target.closest("[data-ledger-row]");
    if (row) update(row);
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
