// Filters for the tables of the yzdocs site: each form.filters[data-for] filters the table with that id
// by its rows' data-agency, data-rule and data-status. The page reads fine without this script; the
// forms stay hidden then. A query string (?agency=…&rule=…&status=…) presets the filters.
"use strict";

function applyFilter(form) {
  var table = document.getElementById(form.getAttribute("data-for"));
  if (!table) { return; }
  var wanted = {};
  Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
    if (select.value) { wanted[select.name] = select.value; }
  });
  var rows = table.tBodies[0] ? table.tBodies[0].rows : [];
  var shown = 0;
  Array.prototype.forEach.call(rows, function (row) {
    var keep = Object.keys(wanted).every(function (name) {
      return row.getAttribute("data-" + name) === wanted[name];
    });
    row.hidden = !keep;
    if (keep) { shown += 1; }
  });
  var count = form.querySelector("output.count");
  if (count) { count.textContent = "显示 " + shown + " / " + rows.length + " 项"; }
}

function presetFromQuery(form) {
  var params = new URLSearchParams(window.location.search);
  Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
    var value = params.get(select.name);
    if (value !== null && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
      select.value = value;
    }
  });
}

document.addEventListener("DOMContentLoaded", function () {
  Array.prototype.forEach.call(document.querySelectorAll("form.filters"), function (form) {
    form.hidden = false;
    presetFromQuery(form);
    form.addEventListener("change", function () { applyFilter(form); });
    applyFilter(form);
  });
});
