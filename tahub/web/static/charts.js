/* Charts of the overview, routes, trends and networks pages. Data comes from the page's
   <script type="application/json" id="chart-data"> block; shapes from the packaged
   world-atlas TopoJSON. Nothing is fetched from another host. */
(function () {
  "use strict";
  var node = document.getElementById("chart-data");
  if (!node || !window.echarts) { return; }
  var data = JSON.parse(node.textContent);
  var GREYS = ["#f0f0f0", "#bdbdbd", "#969696", "#636363", "#252525"];
  var BLUES = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];

  function chart(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    var c = window.echarts.init(el, null, { renderer: "canvas" });
    window.addEventListener("resize", function () { c.resize(); });
    return c;
  }

  /* Rings crossing the antimeridian (Russia, Fiji) would draw lines across the world. */
  function unwrap(geometry) {
    var polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    polys.forEach(function (poly) {
      poly.forEach(function (ring) {
        var lo = 180, hi = -180;
        ring.forEach(function (p) { lo = Math.min(lo, p[0]); hi = Math.max(hi, p[0]); });
        if (hi - lo > 180) { ring.forEach(function (p) { if (p[0] < 0) { p[0] += 360; } }); }
      });
    });
  }

  function choropleth(spec) {
    var c = chart("choropleth");
    if (!c) { return; }
    fetch("/static/vendor/countries-110m.json").then(function (r) { return r.json(); })
      .then(function (topo) {
        var geo = window.topojson.feature(topo, topo.objects.countries);
        geo.features = geo.features.filter(function (f) { return f.id !== "010"; });
        geo.features.forEach(function (f) { f.properties.name = String(f.id); unwrap(f.geometry); });
        window.echarts.registerMap("world", geo);
        var byId = {}, max = 1;
        Object.keys(spec.values).forEach(function (code) {
          var id = spec.ids[code], v = spec.values[code];
          if (id && v !== null) { byId[id] = { name: id, value: v, code: code }; max = Math.max(max, v); }
        });
        var names = {};
        Object.keys(spec.ids).forEach(function (code) { names[spec.ids[code]] = spec.names[code] || code; });
        c.setOption({
          tooltip: { trigger: "item", formatter: function (p) {
            return (names[p.name] || "") + (p.value >= 0 ? ": " + p.value : ""); } },
          visualMap: { min: 0, max: max, inRange: { color: BLUES }, calculable: true,
                       left: "left", bottom: 10, text: [String(max), "0"] },
          series: [{ type: "map", map: "world", roam: true, name: spec.label,
                     itemStyle: { borderColor: "#999", areaColor: "#fafafa" },
                     emphasis: { label: { show: false } },
                     data: Object.keys(byId).map(function (k) { return byId[k]; }) }]
        });
        c.on("click", function (p) {
          if (p.data && p.data.code) {
            var q = new URLSearchParams(window.location.search); q.set("country", p.data.code);
            window.location.search = q.toString();
          }
        });
      });
  }

  function lines(id, list, opts) {
    var c = chart(id);
    if (!c || !list) { return; }
    var xs = [];
    list.forEach(function (s) { s.x.forEach(function (x) { if (xs.indexOf(x) < 0) { xs.push(x); } }); });
    xs.sort(function (a, b) { return a - b; });
    var dashes = ["solid", "dashed", "dotted"];
    c.setOption({
      tooltip: { trigger: "axis" }, legend: { type: "scroll", top: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: xs.map(String) }, yAxis: { type: "value" },
      series: list.map(function (s, i) {
        var byX = {}; s.x.forEach(function (x, j) { byX[x] = s.y[j]; });
        return { type: "line", name: s.name, connectNulls: false, symbolSize: 6,
                 lineStyle: { type: dashes[i % 3] },
                 data: xs.map(function (x) { return byX[x] === undefined ? 0 : byX[x]; }) };
      }),
      color: (opts && opts.grey) ? GREYS.slice(1) : ["#08519c", "#e6550d", "#31a354", "#756bb1", "#636363", "#d62728"]
    });
  }

  function sankey(spec) {
    var c = chart("sankey");
    if (!c) { return; }
    c.setOption({
      tooltip: { trigger: "item" },
      series: [{ type: "sankey", data: spec.nodes, links: spec.links, nodeGap: 6,
                 lineStyle: { color: "gradient", curveness: 0.5, opacity: 0.4 },
                 label: { fontSize: 11 } }]
    });
  }

  function graph(spec) {
    var c = chart("graph");
    if (!c) { return; }
    c.setOption({
      tooltip: {}, legend: [{ data: spec.categories.map(function (x) { return x.name; }) }],
      series: [{ type: "graph", layout: "force", roam: true, draggable: true,
                 categories: spec.categories, data: spec.nodes, links: spec.links,
                 force: { repulsion: 80, edgeLength: 40 }, label: { show: false } }]
    });
  }

  if (data.choropleth) { choropleth(data.choropleth); }
  if (data.trend) { lines("trendline", [data.trend]); }
  if (data.series) { lines("series", data.series); }
  if (data.compare) { lines("compare", data.compare, { grey: false }); }
  if (data.sankey) { sankey(data.sankey); }
  if (data.graph) { graph(data.graph); }
}());
