// Maps (the map page and an entity's places): Leaflet over an offline base map of country
// shapes (world-atlas), or the operator's tile server when one is configured, with the
// places and events of a GeoJSON endpoint. Popups are built from text nodes only.
"use strict";

(function () {
  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function popup(p) {
    const box = el("div", null, "popup");
    const title = el("a", p.kind === "place" ? p.name : p.type + " in " + p.place);
    title.href = p.kind === "place" ? "/entities/" + p.entity_id : "/documents/" + encodeURIComponent(p.doc_id);
    const head = el("b");
    head.append(title);
    box.append(head);
    if (p.kind === "event") {
      box.append(el("div", (p.date || "undated") + " · " + (p.actors || []).join(", "), "muted"));
      if (p.label) box.append(el("div", p.label, "hedge"));
      box.append(el("blockquote", p.evidence));
    } else {
      box.append(el("div", [p.subtype, p.admin1, p.country].filter(Boolean).join(", ") + " · " + p.documents + " documents", "muted"));
    }
    return box;
  }

  // The country shapes are cut for a globe; on a flat map a ring that crosses the 180th meridian
  // (Russia's far east, Fiji) would be drawn across the whole world. Such rings go on east of 180.
  function unwrap(feature) {
    const g = feature.geometry;
    if (!g) return;
    const polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    polygons.forEach(function (rings) {
      rings.forEach(function (ring) {
        const lngs = ring.map(function (p) { return p[0]; });
        const south = Math.max.apply(null, ring.map(function (p) { return p[1]; })) < -60;
        if (!south && Math.max.apply(null, lngs) - Math.min.apply(null, lngs) > 180) {
          ring.forEach(function (p) { if (p[0] < 0) p[0] += 360; });
        }
      });
    });
  }

  function draw(box) {
    const map = L.map(box, { worldCopyJump: true }).setView([30, 40], 3);
    if (box.dataset.tiles) {
      L.tileLayer(box.dataset.tiles, { maxZoom: 18, attribution: "map tiles: configured tile server" }).addTo(map);
    } else {
      fetch(box.dataset.countries).then(function (r) { return r.json(); }).then(function (topo) {
        const shapes = topojson.feature(topo, topo.objects.countries);
        shapes.features.forEach(unwrap);
        L.geoJSON(shapes, { interactive: false,
          style: { color: "#8796a8", weight: 0.7, fillColor: "#f4f1e8", fillOpacity: 1 } }).addTo(map).bringToBack();
      });
    }
    fetch(box.dataset.geojson).then(function (r) { return r.json(); }).then(function (data) {
      const layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          const event = feature.properties.kind === "event";
          return L.circleMarker(latlng, { radius: event ? 6 : 5, weight: 1, color: event ? "#9d0208" : "#2d6a4f",
            fillColor: event ? "#e85d04" : "#52b788", fillOpacity: 0.85, className: "tw-" + feature.properties.kind });
        },
        onEachFeature: function (feature, marker) { marker.bindPopup(popup(feature.properties)); },
      }).addTo(map);
      if (data.features.length) map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 5, animate: false });
      box.dataset.features = String(data.features.length);
      box.dataset.ready = "true";
    });
    return map;
  }

  const maps = Array.prototype.map.call(document.querySelectorAll(".tw-map"), draw);
  window.tracewireMaps = maps;  // for the browser tests
})();
