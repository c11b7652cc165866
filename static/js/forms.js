// After a refused form, the keyboard and the screen reader start at the first field in error (Django marks it
// aria-invalid="true"); its message is tied to it by aria-describedby and announced (role="alert").
(function () {
  "use strict";
  function focusFirstError() {
    var field = document.querySelector('main [aria-invalid="true"]');
    if (field && typeof field.focus === "function") {
      field.focus();
      if (field.scrollIntoView) field.scrollIntoView({ block: "center" });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusFirstError);
  } else {
    focusFirstError();
  }
})();
