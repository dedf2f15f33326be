// Sorting and filtering the table of reports: a click on a header sorts by it (again:
// the other way), typing in the box keeps the rows that contain the text.
(function () {
  var table = document.getElementById("report-table");
  if (!table) return;
  var body = table.tBodies[0];
  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (th, column) {
    th.addEventListener("click", function () {
      var ascending = !th.classList.contains("asc");
      Array.prototype.forEach.call(headers, function (h) { h.classList.remove("asc", "desc"); });
      th.classList.add(ascending ? "asc" : "desc");
      var numeric = th.dataset.type === "num";
      var key = function (row) {
        var cell = row.cells[column];
        var v = cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent;
        if (!numeric) return v;
        return v === "" ? -Infinity : parseFloat(v);
      };
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var c = numeric ? x - y : String(x).localeCompare(String(y), "zh-CN");
        return ascending ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  var filter = document.getElementById("filter");
  filter.addEventListener("input", function () {
    var text = filter.value.trim();
    Array.prototype.forEach.call(body.rows, function (row) {
      row.style.display = text === "" || row.textContent.indexOf(text) >= 0 ? "" : "none";
    });
  });
})();
