/* Route map: the stops of a tourism route, in order, as numbered markers joined by a line.
   Progressive enhancement — the page already lists every stop; without JavaScript, Leaflet
   or the GeoJSON the map simply stays hidden. Tiles only when MAP_TILE_URL is configured. */
(function () {
  "use strict";
  var container = document.getElementById("route-map");
  if (!container || !window.L || !window.fetch) { return; }

  fetch(container.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
    .then(function (collection) {
      var points = collection.features.filter(function (f) { return f.geometry.type === "Point"; });
      if (!points.length) { return; }
      container.hidden = false;
      var map = L.map(container, { scrollWheelZoom: false, zoomControl: false, attributionControl: Boolean(container.dataset.tileUrl) });
      // Leaflet's own zoom buttons say "Zoom in/out": use the page's language instead.
      L.control.zoom({ zoomInTitle: container.dataset.zoomIn || "+", zoomOutTitle: container.dataset.zoomOut || "−" }).addTo(map);
      if (container.dataset.tileUrl) {
        L.tileLayer(container.dataset.tileUrl, { attribution: container.dataset.tileAttribution || "", maxZoom: 18 }).addTo(map);
      } else {
        container.classList.add("route-map--plain");
      }
      var layer = L.geoJSON(collection, {
        style: function () { return { color: "#1f6f4a", weight: 3, opacity: 0.85 }; },
        pointToLayer: function (feature, latlng) {
          var marker = L.marker(latlng, { title: feature.properties.order + ". " + feature.properties.name });
          marker.bindTooltip(String(feature.properties.order), { permanent: true, direction: "top", offset: [0, -28], className: "route-map__number" });
          return marker;
        },
        onEachFeature: function (feature, featureLayer) {
          if (feature.geometry.type !== "Point") { return; }
          var popup = document.createElement("div");
          var title = document.createElement("strong");
          title.textContent = feature.properties.order + ". " + feature.properties.name;
          popup.appendChild(title);
          if (feature.properties.county_name) { popup.appendChild(document.createTextNode(" · " + feature.properties.county_name)); }
          featureLayer.bindPopup(popup);
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 12 });
    })
    .catch(function () { container.hidden = true; });
})();
