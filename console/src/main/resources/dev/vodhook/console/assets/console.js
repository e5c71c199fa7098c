// vodhook console: the overview's charts (uPlot). Data comes from /overview/series.json, never from the page.
(function () {
  "use strict";
  var charts = [];
  var minutes = 60;
  var colors = { push: "#1f5fbf", pull: "#7b3fb3", reconcile: "#8a6100", done: "#1e7a3c", dead: "#b3261e", retried: "#e07b00" };
  var kinds = {
    flow: ["push", "pull", "reconcile", "done"],
    failures: ["dead", "retried"]
  };

  function options(kind, width) {
    var series = [{}];
    kinds[kind].forEach(function (name) { series.push({ label: name, stroke: colors[name], width: 1.5 }); });
    return { width: width, height: 200, series: series, scales: { x: { time: true } }, axes: [{}, { size: 45 }] };
  }

  function data(kind, json) {
    var out = [json.t];
    kinds[kind].forEach(function (name) { out.push(json[name]); });
    return out;
  }

  function load() {
    var url = "/overview/series.json?minutes=" + minutes;
    fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    }).then(function (json) {
      charts.forEach(function (c) {
        if (c.plot) { c.plot.setData(data(c.kind, json)); return; }
        c.el.textContent = "";
        c.plot = new uPlot(options(c.kind, Math.max(280, c.el.clientWidth - 10)), data(c.kind, json), c.el);
      });
    }).catch(function () { /* the counts above still say what the charts would */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof uPlot === "undefined") { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      charts.push({ el: el, kind: el.getAttribute("data-chart"), plot: null });
    });
    if (charts.length === 0) { return; }
    document.querySelectorAll("[data-chart-window]").forEach(function (b) {
      b.addEventListener("click", function () {
        minutes = parseInt(b.getAttribute("data-chart-window"), 10);
        load();
      });
    });
    load();
    setInterval(load, 10000);
  });
})();
