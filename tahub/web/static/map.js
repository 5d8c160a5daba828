/* The hotspot map: Leaflet without tiles (none are available offline). Country shapes come
   from the packaged world-atlas TopoJSON; hexagons and counts from the page's JSON block. */
(function () {
  "use strict";
  var node = document.getElementById("map-data");
  if (!node || !window.L) { return; }
  var data = JSON.parse(node.textContent);
  var BLUES = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
  var ORANGES = ["#feedde", "#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"];
  var PURPLES = ["#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"];
  var SCALES = { incidents: ORANGES, missing_persons: PURPLES, pois: BLUES };

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

  function shade(scale, value, max) {
    if (!value) { return "#f7f7f7"; }
    var i = Math.min(scale.length - 1, Math.floor(Math.sqrt(value / max) * (scale.length - 1) + 0.5));
    return scale[Math.max(1, i)];
  }

  var map = window.L.map("map", { attributionControl: false, worldCopyJump: true,
                                  minZoom: 1, maxZoom: 9 }).setView([10, -40], 2);
  var control = window.L.control.layers(null, null, { collapsed: false }).addTo(map);
  var bounds = null;

  data.layers.forEach(function (layer) {
    var feats = layer.data.features, max = 1;
    feats.forEach(function (f) { max = Math.max(max, f.properties.count); });
    var scale = SCALES[layer.key] || BLUES;
    var g = window.L.geoJSON(layer.data, {
      style: function (f) {
        return { color: "#333", weight: 0.6, fillOpacity: 0.75,
                 fillColor: shade(scale, f.properties.count, max) };
      },
      onEachFeature: function (f, l) {
        l.bindTooltip(layer.name + " — " + data.labels.count + ": " + f.properties.count +
                      (f.properties.exact ? "" : " (" + data.labels.rounded + ")"));
      }
    });
    g.addTo(map);
    control.addOverlay(g, layer.name + " (" + feats.length + ")");
    if (feats.length) {
      var b = g.getBounds();
      bounds = bounds ? bounds.extend(b) : b;
    }
  });

  fetch("/static/vendor/countries-110m.json").then(function (r) { return r.json(); })
    .then(function (topo) {
      var geo = window.topojson.feature(topo, topo.objects.countries);
      geo.features = geo.features.filter(function (f) { return f.id !== "010"; });
      geo.features.forEach(function (f) { unwrap(f.geometry); });
      var c = data.countries, byId = {}, names = {}, max = 1;
      Object.keys(c.values).forEach(function (code) {
        var id = c.ids[code];
        if (id && c.values[code] !== null) {
          byId[id] = c.values[code]; names[id] = c.names[code]; max = Math.max(max, c.values[code]);
        }
      });
      var base = window.L.geoJSON(geo, {
        style: function (f) {
          return { color: "#777", weight: 0.7, fillOpacity: 1,
                   fillColor: shade(["#f7f7f7", "#d9d9d9", "#bdbdbd", "#969696", "#737373", "#525252"],
                                    byId[String(f.id)] || 0, max) };
        },
        onEachFeature: function (f, l) {
          var v = byId[String(f.id)];
          l.bindTooltip((names[String(f.id)] || f.properties.name) + (v ? ": " + v : ""));
        }
      });
      base.addTo(map);
      base.bringToBack();
      control.addOverlay(base, c.label);
      if (bounds) { map.fitBounds(bounds.pad(0.5), { maxZoom: 6 }); }
    });
}());
