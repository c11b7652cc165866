// Keyboard and screen-reader help on every page (loaded by base.html).
// 1. After a refused form, the focus starts at the first field in error (Django marks it aria-invalid="true");
//    its message is tied to it by aria-describedby and announced (role="alert").
// 2. A table wider than the screen scrolls inside its box: the box takes the keyboard focus (tabindex=0) and
//    is named after its table's caption, so it can be scrolled without a mouse.
(function () {
  "use strict";
  function focusFirstError() {
    var field = document.querySelector('main [aria-invalid="true"]');
    if (field && typeof field.focus === "function") {
      field.focus();
      if (field.scrollIntoView) field.scrollIntoView({ block: "center" });
    }
  }
  function scrollableRegions() {
    var boxes = document.querySelectorAll(".table-responsive, .scorecard-wrap");
    Array.prototype.forEach.call(boxes, function (box) {
      if (box.hasAttribute("tabindex") || box.querySelector(".table-responsive, .scorecard-wrap")) return;
      box.setAttribute("tabindex", "0");
      var caption = box.querySelector("caption");
      var heading = caption ? caption.textContent.trim() : "";
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", heading || (document.documentElement.lang === "en" ? "Table" : "Bảng"));
    });
  }
  function ready() {
    scrollableRegions();
    focusFirstError();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
