// The report page without reloads: save one section, add and remove rows of a repeating block; and the
// read view's print button. Without this script every button still works (a section's save reloads the page).
(function () {
  "use strict";

  function swap(doc, selector) {
    var fresh = doc.querySelector(selector), current = document.querySelector(selector);
    if (fresh && current) current.replaceWith(document.importNode(fresh, true));
  }

  function showMessages(doc) {
    var main = document.querySelector("main");
    main.querySelectorAll(":scope > .alert[role=alert]").forEach(function (el) { el.remove(); });
    var first = main.firstElementChild;
    doc.querySelectorAll("main > .alert[role=alert]").forEach(function (el) {
      main.insertBefore(document.importNode(el, true), first);
    });
  }

  function setHidden(form, doc, name) {
    var fresh = doc.querySelector('#report-form input[name="' + name + '"]');
    var current = form.querySelector('input[name="' + name + '"]');
    if (fresh && current) current.value = fresh.value;
    else if (fresh) form.appendChild(document.importNode(fresh, true));
  }

  // "Lưu mục này": post the form with section=<key>; on success swap that section, the navigation, the
  // summary, the version and the base in, and leave what the clerk is typing in other sections alone.
  function saveSection(form, button) {
    var key = button.value, data = new FormData(form);
    data.append("section", key);
    button.disabled = true;
    fetch(form.getAttribute("action") || window.location.pathname, {
      method: "POST", body: data, credentials: "same-origin", headers: { "HX-Request": "true" },
    }).then(function (response) {
      return response.text().then(function (html) { return { status: response.status, html: html, url: response.url }; });
    }).then(function (answer) {
      var doc = new DOMParser().parseFromString(answer.html, "text/html");
      if (answer.status !== 200 || !doc.querySelector("#report-form")) {
        document.body.innerHTML = doc.body ? doc.body.innerHTML : answer.html;  // errors or choices: the page as answered
        var target = document.getElementById("section-" + key);
        if (target) target.scrollIntoView();
        return;
      }
      ["#section-" + key, "#section-nav", "#submit-summary", "#merge-area"].forEach(function (s) { swap(doc, s); });
      setHidden(form, doc, "version");
      setHidden(form, doc, "base");
      showMessages(doc);
      var heading = document.getElementById("section-title-" + key);
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    }).catch(function () {
      form.requestSubmit(button);  // no answer: fall back to the ordinary post
    }).finally(function () { button.disabled = false; });
  }

  // "Thêm dòng": a copy of the formset's empty row, numbered after the last one.
  function addRow(button) {
    var prefix = button.getAttribute("data-add-row");
    var template = document.querySelector('template[data-empty-row="' + prefix + '"]');
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    if (!template || !total) return;
    var index = parseInt(total.value, 10);
    if (max && index >= parseInt(max.value, 10)) return;
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
    var row = holder.firstElementChild;
    button.closest("[data-formset]").querySelector("[data-rows]").appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) first.focus();
  }

  // "Xóa dòng": tick the row's delete box (the formset skips it, or deletes the saved row) and hide it.
  function removeRow(button) {
    var row = button.closest("[data-row]");
    var box = row.querySelector('input[type=checkbox][name$="-DELETE"]');
    if (box) box.checked = true;
    row.hidden = true;
    var list = row.closest("[data-formset]");
    var add = list && list.querySelector("[data-add-row]");
    if (add) add.focus();
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) return;
    if (target.hasAttribute("data-section-save")) {
      event.preventDefault();
      saveSection(target.form, target);
    } else if (target.hasAttribute("data-add-row")) {
      addRow(target);
    } else if (target.hasAttribute("data-remove-row")) {
      removeRow(target);
    } else if (target.hasAttribute("data-print")) {
      window.print();
    }
  });
})();
