/* The hotspot map: Leaflet without tiles (none are available offline). Country shapes come
   from the packaged world-atlas TopoJSON; hexagons and counts from the page's JSON block;
   departments/states/provinces (Natural Earth admin-1, per country) with their protected
   counts from /map/departments, for the countries whose records name them. */
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
  /* Inside the overlay pane, above its own SVG of opaque country shapes (z-index 200 in
     leaflet.css): areas, then hexagons. */
  map.createPane("areas", map.getPane("overlayPane")).style.zIndex = 210;
  map.createPane("hexes", map.getPane("overlayPane")).style.zIndex = 220;
  var bounds = null;

  data.layers.forEach(function (layer) {
    var feats = layer.data.features, max = 1;
    feats.forEach(function (f) { max = Math.max(max, f.properties.count); });
    var scale = SCALES[layer.key] || BLUES;
    var g = window.L.geoJSON(layer.data, {
      pane: "hexes",
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

  function cellText(cell, labels) {
    if (!cell) { return "0"; }
    if (cell.count === null) { return labels.hidden; }
    return cell.count.toLocaleString(document.documentElement.lang || "en") +
      (cell.exact ? "" : " (" + labels.rounded + ")");
  }

  /* One country's areas, shaded by incidents (or missing persons where it has no incidents
     by area), each with both counts in its tooltip. */
  function drawAreas(code, entry, labels, group) {
    return fetch(entry.shapes).then(function (r) { return r.json(); }).then(function (topo) {
      var geo = window.topojson.feature(topo, topo.objects[Object.keys(topo.objects)[0]]);
      geo.features.forEach(function (f) { unwrap(f.geometry); });
      var inc = entry.layers.incidents, mis = entry.layers.missing_persons;
      var main = Object.keys(inc).length ? inc : mis, max = 1;
      Object.keys(main).forEach(function (n) { max = Math.max(max, main[n].count || 0); });
      var scale = main === inc ? ORANGES : PURPLES;
      group.addLayer(window.L.geoJSON(geo, {
        pane: "areas",
        style: function (f) {
          var cell = main[f.properties.name];
          return { color: "#333", weight: 0.8, fillOpacity: cell ? 0.9 : 0,
                   fillColor: cell ? shade(scale, cell.count || 0, max) : "#ffffff",
                   dashArray: cell && cell.count === null ? "3" : null };
        },
        onEachFeature: function (f, l) {
          var name = f.properties.name || entry.name;
          l.bindTooltip(name + ", " + entry.name + " — " + labels.incidents + ": " +
                        cellText(inc[name], labels) + "; " + labels.missing_persons + ": " +
                        cellText(mis[name], labels));
        }
      }));
    });
  }

  fetch("/map/departments" + window.location.search, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (answer) {
      var codes = Object.keys(answer.countries);
      if (!codes.length) { return; }
      var group = window.L.featureGroup();
      return Promise.all(codes.map(function (code) {
        return drawAreas(code, answer.countries[code], answer.labels, group);
      })).then(function () {
        group.addTo(map);
        control.addOverlay(group, answer.labels.layer + " (" + codes.length + ")");
        var chosen = new URLSearchParams(window.location.search).get("country");
        if ((chosen || !bounds) && group.getBounds().isValid()) {
          map.fitBounds(group.getBounds().pad(0.05), { maxZoom: 7 });
        }
        summarise(answer);
      });
    });

  function addRow(body, texts) {
    var row = body.insertRow();
    texts.forEach(function (text, i) {
      var cell = row.insertCell();
      cell.textContent = text;
      if (i > 1) { cell.className = "num"; }
    });
  }

  /* The same counts as a table under the map, for readers who do not use the map. */
  function summarise(answer) {
    var table = document.getElementById("area-summary");
    if (!table) { return; }
    var body = table.querySelector("tbody"), labels = answer.labels;
    var lang = document.documentElement.lang || "en";
    Object.keys(answer.countries).forEach(function (code) {
      var entry = answer.countries[code], inc = entry.layers.incidents;
      var mis = entry.layers.missing_persons;
      var names = Object.keys(inc).concat(Object.keys(mis).filter(function (n) { return !inc[n]; }));
      names.sort(function (a, b) { return a.localeCompare(b, lang); }).forEach(function (name) {
        addRow(body, [entry.name, name, cellText(inc[name], labels), cellText(mis[name], labels)]);
      });
      entry.unmatched.incidents.forEach(function (pair) {
        addRow(body, [entry.name, pair[0] + " — " + labels.unmatched, cellText(pair[1], labels), ""]);
      });
      entry.unmatched.missing_persons.forEach(function (pair) {
        addRow(body, [entry.name, pair[0] + " — " + labels.unmatched, "", cellText(pair[1], labels)]);
      });
    });
    table.hidden = body.rows.length === 0;
  }
}());
