// Charts of the dashboard, drawn with the vendored Chart.js from the JSON in the page.
(function () {
  var charts = [];
  function draw() {
    var node = document.getElementById("du-lieu-bieu-do");
    if (!node || typeof Chart === "undefined") return;
    charts.forEach(function (c) { c.destroy(); });
    charts = [];
    var data = JSON.parse(node.textContent || "{}");
    var nf = new Intl.NumberFormat("vi-VN");
    var common = { responsive: true, maintainAspectRatio: false, animation: false, locale: "vi-VN" };
    var el = document.getElementById("bieu-do-nhiem-vu");
    if (el && data.groups) {
      charts.push(new Chart(el, { type: "bar", data: { labels: data.groups.labels, datasets: [
        { label: "Hoàn thành", data: data.groups.completed, backgroundColor: "#1b7a3d" },
        { label: "Đạt tiến độ", data: data.groups.on_track, backgroundColor: "#0b4f8a" },
        { label: "Chậm tiến độ", data: data.groups.behind, backgroundColor: "#b3261e" },
        { label: "Chưa thực hiện", data: data.groups.not_started, backgroundColor: "#9aa7b4" }
      ] }, options: Object.assign({ indexAxis: "y", scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } } }, common) }));
    }
    el = document.getElementById("bieu-do-chi-tieu");
    if (el && data.indicators && data.indicators.length) {
      var ind = data.indicators[0];
      charts.push(new Chart(el, { type: "bar", data: { labels: ind.labels, datasets: data.indicators.slice(0, 1).map(function (i) {
        return { label: i.name + (i.unit ? " (" + i.unit + ")" : ""), data: i.values, backgroundColor: "#0b4f8a" }; }) },
        options: Object.assign({ plugins: { tooltip: { callbacks: { label: function (c) { return nf.format(c.parsed.y); } } } } }, common) }));
    }
    el = document.getElementById("bieu-do-van-ban");
    if (el && data.documents) {
      charts.push(new Chart(el, { type: "bar", data: { labels: data.documents.labels, datasets: [
        { label: "Văn bản", data: data.documents.values, backgroundColor: "#b26a00" }] },
        options: Object.assign({ plugins: { legend: { display: false } }, scales: { y: { ticks: { precision: 0 } } } }, common) }));
    }
  }
  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
})();
