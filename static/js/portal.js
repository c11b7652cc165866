// Behaviour every page shares, kept out of the HTML: the Content-Security-Policy allows no inline script
// and no on* attribute (docs/security.md).
(function () {
  "use strict";
  // <select data-autosubmit>: choosing a value submits its form (the language switch).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
