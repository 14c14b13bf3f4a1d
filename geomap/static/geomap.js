/* geomap's map: layers, date filter, legend and search, built from the data geomap embeds.
 *
 * Every string that comes from an article (names, quotes, titles) reaches the page through
 * textContent, never innerHTML, so article text cannot inject markup or script. Data
 * coordinates are [lon, lat]; Leaflet wants [lat, lon], converted by ll().
 */
(function () {
  "use strict";

  // Icons drawn for geomap, 20x20, white on the type's colour.
  const ICONS = {
    advance: '<path d="M10 2l7 8h-4.5v8h-5v-8H3z"/>',
    withdrawal: '<path d="M10 18l-7-8h4.5V2h5v8H17z"/>',
    flag_raised: '<path d="M4 2h2v16H4zM6 3h10l-2.5 3.5L16 10H6z"/>',
    flag_removed:
      '<path d="M4 2h2v16H4zM6 3h10l-2.5 3.5L16 10H6z"/><path d="M2 18L18 2" stroke="#fff" stroke-width="2.2"/>',
    bridge_destroyed: '<path d="M1 6h7v2.5H1zM12 6h7v2.5h-7zM2 8.5h2.5V17H2zM15.5 8.5H18V17h-2.5zM9 4l2 3-2 3 2 3"' +
      ' fill="none" stroke="#fff" stroke-width="1.6"/>',
    infrastructure_destroyed: '<path d="M11 1L4 11h5l-1 8 7-10h-5z"/>',
    mines:
      '<circle cx="10" cy="10" r="4.6"/><path d="M10 1.5v4M10 14.5v4M1.5 10h4M14.5 10h4M4 4l2.8 2.8M13.2 13.2L16 16M4 16l2.8-2.8M13.2 6.8L16 4" stroke="#fff" stroke-width="1.8"/>',
    evacuation: '<path d="M2 8.5h9V4.5l7 5.5-7 5.5v-4H2z"/>',
    fortification: '<path d="M2 18V6h3v3h2.5V6h5v3H15V6h3v12z"/>',
    troop_presence: '<path d="M3 4l7 5 7-5v3.2l-7 5-7-5zM3 10l7 5 7-5v3.2l-7 5-7-5z"/>',
    shelling: '<path d="M10 1l2 5 5-2-2 5 4 2-4 2 2 5-5-2-2 5-2-5-5 2 2-5-4-2 4-2-2-5 5 2z"/>',
    looting: '<path d="M7 2.5h6L11.5 6h-3zM5 7h10l2 11H3z"/>',
    humanitarian: '<path d="M8 3h4v5h5v4h-5v5H8v-5H3V8h5z"/>',
    flooding: '<path d="M10 2c3 4.5 5 7.3 5 9.5a5 5 0 0 1-10 0C5 9.3 7 6.5 10 2zM1 17c2-1.5 4-1.5 6 0s4 1.5 6 0 4-1.5 6 0v1.8c-2 1.5-4 1.5-6 0s-4-1.5-6 0-4 1.5-6 0z"/>',
    statement: '<path d="M2 3h16v10H9l-4 4v-4H2z"/>',
    bridge: '<path d="M1 5h18v2.5H1zM2 7.5v9h2.5c0-3 2.5-5.5 5.5-5.5s5.5 2.5 5.5 5.5H18v-9z"/>',
    bridge_broken:
      '<path d="M1 5h7v2.5H1zM12 5h7v2.5h-7zM2 7.5h2.5v9H2zM15.5 7.5H18v9h-2.5z"/><path d="M9 3l2 3-2 3 2 3" fill="none" stroke="#fff" stroke-width="1.6"/>',
  };
  // The zoom a search shows a place of each kind at: a country whole, a town's streets
  // not yet (where the basemap has none), a bridge close.
  const SEARCH_ZOOM = {
    continent: 3, country: 5, sea: 6, region: 6, admin1: 7, river: 7, reservoir: 8,
    lagoon: 9, estuary: 9, peninsula: 8, island: 9, spit: 10, strait: 8, canal: 10, area: 9,
    admin2: 9, bank: 9, city: 10, town: 11, village: 12, neighbourhood: 13, airport: 12,
    camp: 12, facility: 13, building: 14, "power station": 13, road: 10, crossing: 13,
    dam: 13, bridge: 14,
  };
  // Milliseconds between two dates while the dates play.
  const PLAY_STEP_MS = 700;
  const STATUS_COLOURS = {destroyed: "#b2182b", damaged: "#ef8a62", intact: "#1a9850", mentioned: "#7f7f7f"};
  const PRECISION = {1: "day", 2: "within a week", 3: "month"};
  // More markers than this in a layer are clustered.
  const MANY_MARKERS = 500;
  const ROLE = {at: "at", from: "from", to: "to", near: "near"};

  function ll(lonLat) { return [lonLat[1], lonLat[0]]; }

  // An element with text (never markup) and attributes.
  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (attrs) for (const key of Object.keys(attrs)) node.setAttribute(key, attrs[key]);
    return node;
  }

  function svg(icon) {
    return '<svg viewBox="0 0 20 20" width="14" height="14" fill="#fff" aria-hidden="true">' + ICONS[icon] + "</svg>";
  }

  function badge(icon, colour, title) {
    const node = el("span", null, {"class": "geomap-badge", title: title || ""});
    node.style.background = colour;
    node.innerHTML = svg(icon);  // our own icons, not article text
    return node;
  }

  function formatDate(iso) {
    if (!iso) return "undated";
    const d = new Date(iso + "T00:00:00Z");
    return d.toLocaleDateString("en-GB", {day: "numeric", month: "short", year: "numeric", timeZone: "UTC"});
  }

  // Draw ``data`` on ``map``. ``options.loadedFrom`` (an ISO date) says the events before it
  // are not loaded yet: moving the start date earlier calls ``options.need(date)``;
  // ``options.shown`` carries the dates and types chosen on a map drawn before.
  function start(map, data, options) {
    options = options || {};
    // Without tiles Leaflet knows no zoom limits, and clustering needs one.
    if (map.options.maxZoom === undefined) map.setMaxZoom(18);
    if (map.options.minZoom === undefined) map.setMinZoom(2);
    const layersBefore = new Set();
    map.eachLayer(layer => layersBefore.add(layer));
    const controls = [];
    const F = {};
    data.event_fields.forEach((name, i) => { F[name] = i; });
    const types = data.types;
    const dates = data.dates;
    const state = {from: 0, to: Math.max(0, dates.length - 1), undated: true, types: new Set(types.map(t => t.code))};
    const shown = options.shown;
    const dateIndex = (date, fallback) => {
      const at = dates.findIndex(d => d >= date);
      return at < 0 ? fallback : at;
    };
    if (shown) {
      state.from = dateIndex(shown.from, 0);
      state.to = Math.max(state.from, dateIndex(shown.to, dates.length - 1));
      state.undated = shown.undated;
    } else if (options.loadedFrom) {
      state.from = dateIndex(options.loadedFrom, 0);
    }
    const overlays = {};
    // The places search finds: by name, kind and country, with the names the articles
    // wrote them by and the markers that show them.
    const lookup = new Map();
    const canvas = L.canvas({padding: 0.5});

    // (one entry per name, kind and country; a bridge of the bridges layer, whose country
    // is not given, joins the entry of its name and kind: found through ``sameNames``, so
    // that remembering every marker costs what it adds, not what is there)
    const sameNames = new Map();  // name and kind -> their entries
    function remember(place, latlng, open, visible) {
      const [name, kind, country] = [place[2], place[3], place[4]];
      const sameName = [name, kind].join("\u001f").toLowerCase();
      const key = sameName + "\u001f" + (country || "").toLowerCase();
      let entry = lookup.get(key) ||
        (sameNames.get(sameName) || []).find(e => !country || !e.country);
      if (!entry) {
        entry = {name: name, kind: kind, country: country, targets: [], names: [searchable(name)]};
        lookup.set(key, entry);
        sameNames.set(sameName, [...(sameNames.get(sameName) || []), entry]);
      }
      entry.country = entry.country || country;
      const written = place[5] === null || place[5] === undefined ? [] : data.written[place[5]] || [];
      written.map(searchable).forEach(n => { if (!entry.names.includes(n)) entry.names.push(n); });
      entry.targets.push({latlng: latlng, open: open, visible: visible || (() => true)});
    }
    // The places whose name, or a name the articles wrote, begins as typed (or has a word
    // that does: "antonivskyi" finds "Antonivskyi Bridge"): exact names first, then names
    // that begin so, then words; a place's own name before the names written.
    function findPlaces(typed) {
      const q = searchable(typed);
      if (!q) return [];
      const rank = entry => {
        let best = Infinity;
        entry.names.forEach((n, i) => {
          const written = i > 0 ? 1 : 0;
          if (n === q) best = Math.min(best, written);
          else if (n.startsWith(q)) best = Math.min(best, 2 + written);
          else if (n.split(/[\s\-'\u2019().,]+/).some(w => w.startsWith(q))) best = Math.min(best, 4 + written);
        });
        return best;
      };
      return Array.from(lookup.values()).map(e => [rank(e), e]).filter(([r]) => r < Infinity)
        .sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name)).map(([, e]) => e);
    }

    function articleLine(index) { return articleRowLine(data.articles[index]); }
    function articleRowLine(article) {
      const line = el("div", null, {"class": "geomap-source"});
      const label = article.label + (article.date ? " (" + article.date + ")" : "");
      if (article.url) {
        line.appendChild(el("a", label, {href: article.url, target: "_blank", rel: "noopener noreferrer"}));
      } else {
        line.appendChild(el("span", label));
      }
      if (article.map) {
        line.appendChild(document.createTextNode(" · "));
        line.appendChild(el("a", "map of this article", {href: article.map}));
      }
      return line;
    }

    // A store's map keeps the quotes and articles of its places and front line in a file
    // per tile, read when a popup first needs them (see geomap/publish.py): ``fill`` gets
    // them, and the popup of ``layer`` keeps the filled box.
    const detailFiles = new Map();  // index in data.details -> the promise of its data
    function withDetails(box, layer, index, fill) {
      if (!detailFiles.has(index)) {
        const file = data.details[index];
        detailFiles.set(index, load(file.file + "?v=" + file.version));
      }
      const note = el("div", "Reading the quotes…", {"class": "geomap-popup-more"});
      box.appendChild(note);
      detailFiles.get(index).then(details => {
        note.remove();
        fill(details, article => articleRowLine(details.articles[article] ||
          {id: article, label: article, date: null, url: null, map: null}));
        // (the filled box becomes the popup's content: update() would make a new one)
        const popup = layer.getPopup();
        if (popup) popup.setContent(box);
      }).catch(() => {
        detailFiles.delete(index);
        note.textContent = "Its quotes could not be read: keep the page beside its data folder.";
      });
    }

    // The quotes and first articles of a front line or bridge feature (``key``) kept in its
    // tile's details, if they are there.
    function featureDetails(box, layer, p, key) {
      if (!p.details) return;
      withDetails(box, layer, p.details[0], (details, line) => {
        const [quotes, articles] = details[key][p.details[1]];
        quotes.forEach(q => box.appendChild(quoteNode(q)));
        articles.slice(0, 3).forEach(a => box.appendChild(line(a)));
      });
    }

    // The quote, with the place name as written marked.
    function quoteNode(text, mark) {
      const q = el("q", null, {"class": "geomap-quote"});
      const at = mark ? text.indexOf(mark) : -1;
      if (at < 0) { q.textContent = text; return q; }
      q.appendChild(document.createTextNode(text.slice(0, at)));
      q.appendChild(el("mark", mark));
      q.appendChild(document.createTextNode(text.slice(at + mark.length)));
      return q;
    }

    function table(rows) {
      const t = el("table");
      for (const [key, value] of rows) {
        const tr = el("tr");
        tr.appendChild(el("th", key));
        tr.appendChild(el("td", value));
        t.appendChild(tr);
      }
      return t;
    }

    function inRange(date) {
      if (!date) return state.undated;
      if (!dates.length) return true;
      return date >= dates[state.from] && date <= dates[state.to];
    }

    function asOf() { return dates.length ? dates[state.to] : null; }

    // ---- offline basemap: countries, the gazetteer's shapes, town labels --------------
    if (data.basemap) {
      map.createPane("geomap-basemap").style.zIndex = 150;
      const land = () => ({color: "#a0a0a0", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1});
      const countries = L.geoJSON(data.basemap.countries, {pane: "geomap-basemap", interactive: false, style: land});
      countries.addTo(map);
      // Near the data, from a zoom on, the coasts at 1:10m instead (a coastal town on land)
      if (data.basemap.coasts && data.basemap.coasts.features.length) {
        const coasts = L.geoJSON(data.basemap.coasts, {pane: "geomap-basemap", interactive: false, style: land});
        // (one or the other: the coarser land would cover the sea the finer coast shows)
        const detail = () => {
          const near = map.getZoom() >= data.basemap.detail_zoom;
          const [shown, hidden] = near ? [coasts, countries] : [countries, coasts];
          if (map.hasLayer(hidden)) map.removeLayer(hidden);
          if (!map.hasLayer(shown)) { shown.addTo(map); shown.bringToBack(); }
        };
        map.on("zoomend", detail);
        controls.push({remove: () => map.off("zoomend", detail)});
        detail();
      }
      L.geoJSON(data.basemap.shapes, {
        pane: "geomap-basemap", interactive: false,
        style: f => (f.geometry.type.indexOf("Line") >= 0
          ? {color: "#8fb8de", weight: 2.5, opacity: 1}
          : {color: "#b9cfe4", weight: 0.8, fill: f.properties.kind !== "bank", fillColor: "#cfe0f0", fillOpacity: 0.9}),
      }).addTo(map);
      const labels = data.basemap.labels.map(row => ({
        name: row[2],
        marker: L.marker(ll(row), {
          interactive: false, keyboard: false, pane: "geomap-basemap",
          icon: L.divIcon({className: "geomap-label", html: el("span", row[2]), iconSize: null}),
        }),
      }));
      const labelLayer = L.layerGroup().addTo(map);
      // Most populous first; a label is skipped where it would overlap one already shown.
      const showLabels = () => {
        const zoom = map.getZoom();
        const taken = [];
        labelLayer.clearLayers();
        for (const label of labels) {
          const p = map.project(label.marker.getLatLng(), zoom);
          const width = 7 * label.name.length + 8;
          if (taken.some(t => Math.abs(t.x - p.x) < (t.width + width) / 2 && Math.abs(t.y - p.y) < 16)) continue;
          taken.push({x: p.x, y: p.y, width: width});
          labelLayer.addLayer(label.marker);
        }
      };
      map.on("zoomend", showLabels);
      controls.push({remove: () => map.off("zoomend", showLabels)});
      showLabels();
    }

    // ---- rivers and areas the articles mention -----------------------------------------
    if (data.areas.length) {
      const areas = L.geoJSON(data.areas, {
        style: f => (f.geometry.type.indexOf("Line") >= 0
          ? {color: "#3b7dd8", weight: 4, opacity: 0.85}
          : {color: "#777", weight: 1, dashArray: "4 4", fillOpacity: 0.06}),
        onEachFeature: (f, layer) => layer.bindTooltip(el("span", f.properties.name), {sticky: true}),
      }).addTo(map);
      overlays["Rivers and areas mentioned (" + data.areas.length + ")"] = areas;
    }

    // ---- front line as of the chosen date ----------------------------------------------
    function sideColour(side) { return (data.sides[side] || {colour: "#555"}).colour; }
    function sideLabel(side) {
      return side.split("/").map(s => (data.sides[s] || {label: s}).label).join(" / ");
    }
    function frontPopup(p, layer) {
      const box = el("div", null, {"class": "geomap-popup"});
      const kind = {line_of_contact: "Line of contact", held_area: "Held area", held_place: "Held place"}[p.kind] || p.kind;
      box.appendChild(el("b", kind + ": " + p.name));
      box.appendChild(table([
        ["Held by", sideLabel(p.side)],
        ["From", formatDate(p.valid_from)],
        ["Until", p.open_ended ? formatDate(p.valid_to) + " (latest report)" : formatDate(p.valid_to)],
        ["Claims", String(p.claims)],
      ]));
      p.quotes.forEach(i => box.appendChild(quoteNode(data.quotes[i])));
      p.articles.slice(0, 3).forEach(i => box.appendChild(articleLine(i)));
      featureDetails(box, layer, p, "frontline");
      return box;
    }
    const front = L.geoJSON(null, {
      style: f => (f.properties.kind === "line_of_contact"
        ? {color: "#111", weight: 5, opacity: 0.9, dashArray: "10 6"}
        : {color: sideColour(f.properties.side), weight: 1, fillColor: sideColour(f.properties.side), fillOpacity: 0.18}),
      pointToLayer: (f, latlng) => L.circleMarker(latlng, {
        renderer: canvas, radius: 9, weight: 3, color: sideColour(f.properties.side), fill: false,
      }),
      onEachFeature: (f, layer) => {
        layer.geomap = {kind: "front", front: f.properties.kind, side: f.properties.side};
        layer.bindPopup(() => frontPopup(f.properties, layer), {maxWidth: 380});
      },
    });
    function drawFront() {
      front.clearLayers();
      const day = asOf();
      if (!day) return;
      const shown = data.frontline.filter(f => f.properties.valid_from <= day &&
        (day <= f.properties.valid_to || f.properties.open_ended));
      // Areas first, so the line and the places lie on top.
      const order = {held_area: 0, line_of_contact: 1, held_place: 2};
      shown.sort((a, b) => order[a.properties.kind] - order[b.properties.kind]);
      shown.forEach(f => front.addData(f));
    }
    if (data.frontline.length) {
      front.addTo(map);
      overlays["Front line (as of the end date)"] = front;
    }

    // ---- a reference front line (geomap.reference): each file's areas of the latest date
    // on or before the end date, and the control claims it contradicts -------------------
    const reference = L.featureGroup();
    const contradicted = L.featureGroup();
    let contradictions = [];
    function referenceAsOf(day) {
      const latest = {};
      data.reference.forEach(f => {
        const p = f.properties;
        if (p.date && (!day || p.date > day)) return;
        if (!(p.source in latest) || (p.date || "") > latest[p.source]) latest[p.source] = p.date || "";
      });
      return data.reference.filter(f => f.properties.source in latest &&
        (f.properties.date || "") === latest[f.properties.source]);
    }
    function drawReference() {
      reference.clearLayers();
      contradicted.clearLayers();
      contradictions = [];
      const day = asOf();
      const areas = referenceAsOf(day);
      areas.forEach(f => {
        const p = f.properties;
        L.geoJSON(f, {interactive: false, style: () => ({
          color: sideColour(p.side), weight: 2, dashArray: "2 6", fillColor: sideColour(p.side), fillOpacity: 0.08,
        })}).addTo(reference);
      });
      // a place the articles say one side holds, inside an area the reference gives another
      front.eachLayer(layer => {
        const f = layer.feature;
        if (!f || f.properties.kind !== "held_place" || f.geometry.type !== "Point") return;
        const point = f.geometry.coordinates;
        const against = areas.find(a => a.properties.side !== f.properties.side && inside(point, a.geometry));
        if (!against) return;
        const item = {name: f.properties.name, side: f.properties.side, reference_side: against.properties.side,
          source: against.properties.source, date: against.properties.date};
        contradictions.push(item);
        const ring = L.circleMarker(ll(point), {radius: 13, color: "#d7191c", weight: 3, fill: false, dashArray: "4 3"});
        ring.bindPopup(() => {
          const box = el("div", null, {"class": "geomap-popup"});
          box.appendChild(el("b", item.name + ": the reference says otherwise"));
          box.appendChild(el("div", "The articles: held by " + sideLabel(item.side) + " as of " + formatDate(day) +
            ". " + item.source + (item.date ? " (" + formatDate(item.date) + ")" : "") + ": inside the area held by " +
            sideLabel(item.reference_side) + "."));
          return box;
        }, {maxWidth: 340});
        ring.addTo(contradicted);
      });
    }
    if (data.reference.length) {
      reference.addTo(map);
      contradicted.addTo(map);
      const sources = Array.from(new Set(data.reference.map(f => f.properties.source)));
      // (Leaflet's layer box reads its labels as HTML: a file's name is text)
      overlays[el("span", "Reference: " + sources.join(", ") + " (as of the end date)").outerHTML] = reference;
      overlays["Claims the reference contradicts"] = contradicted;
    }

    // ---- bridges, icon by status --------------------------------------------------------
    if (data.bridges.length) {
      // thousands of bridge icons would be thousands of elements: clustered when many
      const many = data.bridges.length > MANY_MARKERS;
      const bridges = many
        ? L.markerClusterGroup({chunkedLoading: true, maxClusterRadius: 30, showCoverageOnHover: false})
        : L.featureGroup();
      data.bridges.forEach(f => {
        const p = f.properties;
        const broken = p.status === "destroyed" || p.status === "damaged";
        const icon = L.divIcon({
          className: "geomap-marker geomap-bridge",
          html: '<span style="background:' + STATUS_COLOURS[p.status] + '">' + svg(broken ? "bridge_broken" : "bridge") + "</span>",
          iconSize: [24, 24], iconAnchor: [12, 12], popupAnchor: [0, -10],
        });
        const marker = L.marker(ll(f.geometry.coordinates), {icon: icon, title: p.name + ": " + p.status});
        marker.geomap = {kind: "bridge", name: p.name, status: p.status};
        marker.bindPopup(() => {
          const box = el("div", null, {"class": "geomap-popup"});
          box.appendChild(el("b", p.name));
          box.appendChild(table([
            ["Status", p.status + (p.status_date ? " (" + formatDate(p.status_date) + ")" : "")],
            ["Reports", String(p.references)],
            ...(p.count ? [["Bridges counted", "at least " + p.count]] : []),
            ["Identified by", p.identified_by || "a report of bridges near this place"],
            ["Dates", formatDate(p.first_date) + " to " + formatDate(p.last_date)],
          ]));
          p.quotes.forEach(i => box.appendChild(quoteNode(data.quotes[i])));
          p.articles.slice(0, 3).forEach(i => box.appendChild(articleLine(i)));
          featureDetails(box, marker, p, "bridges");
          return box;
        }, {maxWidth: 380});
        marker.addTo(bridges);
        remember([null, null, p.name, "bridge", null, null], marker.getLatLng(),
          () => (many ? reveal(marker, bridges) : marker.openPopup()));
      });
      bridges.addTo(map);
      overlays["Bridges (" + data.bridges.length + ")"] = bridges;
    }

    // ---- places mentioned without an event ----------------------------------------------
    if (data.places_without_events.length) {
      const quiet = L.featureGroup();
      data.places_without_events.forEach(row => {
        const place = data.places[row[0]];
        const marker = L.circleMarker(ll(place), {
          renderer: canvas, radius: Math.min(4 + 2 * Math.sqrt(row[1]), 14),
          color: "#3366cc", weight: 2, fillColor: "#3366cc", fillOpacity: 0.35,
        });
        marker.geomap = {kind: "place", name: place[2], mentions: row[1]};
        marker.bindTooltip(el("span", place[2]));
        marker.bindPopup(() => {
          const box = el("div", null, {"class": "geomap-popup"});
          box.appendChild(el("b", place[2]));
          box.appendChild(el("small", " " + [place[3], place[4]].filter(Boolean).join(", ")));
          box.appendChild(el("div", row[1] + " mention(s) in " + row[2] + " article(s)"));
          (row[3] || []).forEach(([quote, article]) => {
            box.appendChild(quoteNode(data.quotes[quote], place[2]));
            box.appendChild(articleLine(article));
          });
          if (row[4] !== null) {
            withDetails(box, marker, row[4], (details, line) => {
              (details.places[data.place_ids[row[0]]] || []).forEach(([quote, article]) => {
                box.appendChild(quoteNode(quote, place[2]));
                box.appendChild(line(article));
              });
            });
          }
          return box;
        }, {maxWidth: 380});
        marker.addTo(quiet);
        remember([...place, row[0]], marker.getLatLng(), () => marker.openPopup());
      });
      quiet.addTo(map);
      overlays["Places without an event (" + data.places_without_events.length + ")"] = quiet;
    }

    // ---- events: one cluster group, a toggle per type -----------------------------------
    const typeIcons = types.map(t => L.divIcon({
      className: "geomap-marker",
      html: '<span style="background:' + t.colour + '">' + svg(t.code in ICONS ? t.code : "statement") + "</span>",
      iconSize: [24, 24], iconAnchor: [12, 12], popupAnchor: [0, -10],
    }));
    const cluster = L.markerClusterGroup({
      chunkedLoading: true, maxClusterRadius: 40, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
      // A ring of the types' colours around the count says at a glance what happened there.
      iconCreateFunction: c => {
        const counts = new Map();
        c.getAllChildMarkers().forEach(m => counts.set(m.geomap.typeIndex, (counts.get(m.geomap.typeIndex) || 0) + 1));
        const n = c.getChildCount();
        const order = Array.from(counts.keys()).sort((a, b) => a - b);
        let at = 0;
        const stops = order.map(i => {
          const from = at;
          at += (100 * counts.get(i)) / n;
          return types[i].colour + " " + from.toFixed(1) + "% " + at.toFixed(1) + "%";
        });
        const title = order.map(i => types[i].label + " ×" + counts.get(i)).join(", ");
        const size = n < 10 ? 32 : n < 100 ? 38 : 44;
        return L.divIcon({
          html: '<span class="geomap-ring" style="background:conic-gradient(' + stops.join(",") + ')" title="' +
            title + '"><span>' + n + "</span></span>",
          className: "geomap-cluster", iconSize: [size, size],
        });
      },
    });
    function eventPopup(row) {
      const type = types[row[F.type]];
      const place = data.places[row[F.place]];
      const box = el("div", null, {"class": "geomap-popup"});
      const head = el("div", null, {"class": "geomap-popup-head"});
      head.appendChild(badge(type.code in ICONS ? type.code : "statement", type.colour));
      head.appendChild(el("b", " " + type.label + (row[F.sub_type] ? " (" + row[F.sub_type] + ")" : "")));
      box.appendChild(head);
      const written = row[F.written];
      box.appendChild(table([
        ["Date", formatDate(row[F.date]) + (row[F.date] ? " (" + PRECISION[row[F.precision]] + ")" : "")],
        ["Place", (ROLE[row[F.role]] || "at") + " " + (written && written !== place[2] ? written + " → " : "") +
          place[2] + " (" + [place[3], place[4]].filter(Boolean).join(", ") + ")"],
        ["Actors", row[F.actors] || "not named"],
        ["Certainty", row[F.certainty]],
      ]));
      box.appendChild(quoteNode(data.quotes[row[F.quote]], written));
      box.appendChild(articleLine(row[F.article]));
      // the same event told by other articles: one marker, every report
      const more = row[F.reports] || [];
      if (more.length) {
        box.appendChild(el("div", "Also reported by " + more.length + " more " +
          (more.length === 1 ? "article" : "articles") + ":", {"class": "geomap-popup-more"}));
        for (const [quote, article] of more) {
          box.appendChild(quoteNode(data.quotes[quote], written));
          box.appendChild(articleLine(article));
        }
      }
      return box;
    }
    const eventMarkers = data.events.map((row, index) => {
      const type = types[row[F.type]];
      const place = data.places[row[F.place]];
      const marker = L.marker(ll(place), {icon: typeIcons[row[F.type]], title: type.label + ": " + place[2]});
      marker.geomap = {kind: "event", type: type.code, typeIndex: row[F.type], date: row[F.date], name: place[2], index: index};
      marker.bindPopup(() => eventPopup(row), {maxWidth: 400});
      remember([...place, row[F.place]], marker.getLatLng(), () => reveal(marker), () => cluster.hasLayer(marker));
      return marker;
    });
    let ready = false;  // the type toggles are switched on before the first drawing
    // Open an event's popup, zooming in or spiderfying its cluster first. The callback of
    // zoomToShowLayer can be lost when the map does not animate, so look again later.
    let revealing = 0;  // the latest reveal: an earlier one's late looks do nothing
    function reveal(marker, group) {
      group = group || cluster;
      const mine = ++revealing;
      let opened = false;
      const open = () => {
        if (!opened && mine === revealing && group.getVisibleParent(marker) === marker) {
          opened = true;
          marker.openPopup();
        }
      };
      group.zoomToShowLayer(marker, open);
      [250, 750, 1500, 3000].forEach(ms => setTimeout(open, ms));
    }
    function stopRevealing() { revealing++; }
    function drawEvents() {
      if (!ready) return;
      cluster.clearLayers();
      cluster.addLayers(eventMarkers.filter(m => state.types.has(m.geomap.type) && inRange(m.geomap.date)));
    }
    cluster.addTo(map);
    const TypeToggle = L.Layer.extend({
      initialize: function (code) { this.code = code; },
      onAdd: function () { state.types.add(this.code); if (ready) refresh(); },
      onRemove: function () { state.types.delete(this.code); if (ready) refresh(); },
    });
    types.forEach(t => {
      const toggle = new TypeToggle(t.code);
      const on = shown ? !shown.hidden.includes(t.code) : t.code !== "statement";
      if (!on) state.types.delete(t.code);
      const label = '<span class="geomap-swatch" style="background:' + t.colour + '">' + svg(t.code in ICONS ? t.code : "statement") +
        "</span> " + t.label + " (" + t.count + ")";
      overlays[label] = toggle;
      if (on) toggle.addTo(map);
    });

    // ---- controls -----------------------------------------------------------------------
    // The layer box: open on a large screen, a button that opens it on a small one (it
    // and the legend would cover the map); none when there is nothing to switch.
    const smallScreen = map.getSize().x < 1400 || map.getSize().y < 820;  // a laptop
    if (Object.keys(overlays).length) {
      controls.push(L.control.layers(null, overlays, {collapsed: smallScreen, position: "topright"}).addTo(map));
    }

    // What the map says when it shows nothing: no data at all (a map whose filters left
    // nothing), or nothing in the dates and types chosen.
    const nothing = !data.events.length && !data.places_without_events.length &&
      !data.frontline.length && !data.bridges.length;
    const emptyNote = el("div", null, {"class": "geomap-empty", role: "status"});
    function sayEmpty(text) {
      emptyNote.textContent = text;
      if (text) map.getContainer().appendChild(emptyNote); else emptyNote.remove();
    }

    function refresh() {
      drawEvents();
      drawFront();
      if (data.reference.length) drawReference();
      if (timeLabel) timeLabel.textContent = dates.length
        ? formatDate(dates[state.from]) + " – " + formatDate(dates[state.to]) : "no dated events";
      const drawn = cluster.getLayers().length;
      if (nothing) {
        sayEmpty("Nothing to show: no event, place, front line or bridge of these articles is " +
          "left by this map's filters (--since, --until, --type, --bbox). Draw it again with " +
          "wider ones (geomap map STORE --out DIR without them draws everything the store holds).");
      } else if (!drawn && data.events.length) {
        sayEmpty("No event of the types shown between these dates: move the date sliders, or " +
          "tick more types in the layer box.");
      } else {
        sayEmpty("");
      }
    }

    let timeLabel = null;
    let playing = null;  // the timer of the play button
    const TimeControl = L.Control.extend({
      options: {position: "bottomleft"},
      onAdd: function () {
        const box = el("div", null, {"class": "geomap-control geomap-time"});
        box.appendChild(el("b", "Dates "));
        timeLabel = el("span");
        box.appendChild(timeLabel);
        const slider = (name, value) => {
          const row = el("label", null, {"class": "geomap-range"});
          row.appendChild(el("span", name));
          const input = el("input", null, {type: "range", min: "0", max: String(Math.max(0, dates.length - 1)),
            step: "1", value: String(value), "aria-label": name + " date", "class": "geomap-" + name});
          row.appendChild(input);
          box.appendChild(row);
          return input;
        };
        const from = slider("from", state.from);
        const until = slider("until", state.to);
        from.addEventListener("input", () => {
          state.from = Math.min(+from.value, state.to); from.value = String(state.from); refresh();
        });
        // events before those loaded are read when the start date is let go there
        from.addEventListener("change", () => {
          if (options.loadedFrom && dates[state.from] < options.loadedFrom) options.need(dates[state.from]);
        });
        until.addEventListener("input", () => {
          state.to = Math.max(+until.value, state.from); until.value = String(state.to); refresh();
        });
        // Play: the end date steps through the dates (each day something was reported),
        // the events and the front line drawn as of each, from the start date on.
        const play = el("button", "\u25b6 Play", {type: "button", "class": "geomap-play",
          title: "Step the end date through the days, the front line redrawn as of each"});
        const stop = () => { clearInterval(playing); playing = null; play.textContent = "\u25b6 Play"; };
        const step = () => {
          if (state.to < dates.length - 1) { state.to += 1; until.value = String(state.to); refresh(); }
          if (state.to >= dates.length - 1) stop();
        };
        play.addEventListener("click", () => {
          if (playing) { stop(); return; }
          if (state.to >= dates.length - 1) { state.to = state.from; until.value = String(state.to); refresh(); }
          play.textContent = "\u23f8 Pause";
          playing = setInterval(step, PLAY_STEP_MS);
        });
        until.addEventListener("input", () => { if (playing) stop(); });
        box.appendChild(play);
        const undated = el("label", null, {"class": "geomap-undated"});
        const check = el("input", null, {type: "checkbox"});
        check.checked = true;
        check.addEventListener("change", () => { state.undated = check.checked; refresh(); });
        undated.appendChild(check);
        undated.appendChild(el("span", " undated events"));
        box.appendChild(undated);
        box.appendChild(el("div", "The front line is drawn as of the end date.", {"class": "geomap-hint"}));
        if (options.loadedFrom) {
          box.appendChild(el("div", "Events from " + formatDate(options.loadedFrom) + " on are loaded; " +
            "move the start date earlier to load earlier days.", {"class": "geomap-hint geomap-partial"}));
        }
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      },
    });
    if (dates.length) controls.push(new TimeControl().addTo(map));

    const Legend = L.Control.extend({
      options: {position: "bottomright"},
      onAdd: function () {
        // (folded on a small screen: a click opens it)
        const box = el("details", null, Object.assign({"class": "geomap-control geomap-legend"},
          smallScreen ? {} : {open: ""}));
        box.appendChild(el("summary", "Legend"));
        const grid = el("div", null, {"class": "geomap-legend-grid"});
        box.appendChild(grid);
        types.forEach(t => {
          const row = el("div");
          row.appendChild(badge(t.code in ICONS ? t.code : "statement", t.colour));
          row.appendChild(el("span", " " + t.label));
          grid.appendChild(row);
        });
        Object.keys(data.sides).forEach(side => {
          const row = el("div");
          const swatch = el("span", null, {"class": "geomap-area"});
          swatch.style.background = data.sides[side].colour;
          row.appendChild(swatch);
          row.appendChild(el("span", " held by " + data.sides[side].label));
          grid.appendChild(row);
        });
        if (data.frontline.length) {
          const row = el("div");
          row.appendChild(el("span", null, {"class": "geomap-line"}));
          row.appendChild(el("span", " line of contact"));
          grid.appendChild(row);
        }
        if (data.reference.length) {
          const row = el("div");
          row.appendChild(el("span", null, {"class": "geomap-line geomap-reference-line"}));
          row.appendChild(el("span", " reference front line"));
          grid.appendChild(row);
          const ring = el("div");
          ring.appendChild(el("span", null, {"class": "geomap-contradicted"}));
          ring.appendChild(el("span", " claim the reference contradicts"));
          grid.appendChild(ring);
        }
        if (data.bridges.length) {
          data.bridge_statuses.forEach(status => {
            const row = el("div");
            row.appendChild(badge(status === "destroyed" || status === "damaged" ? "bridge_broken" : "bridge", STATUS_COLOURS[status]));
            row.appendChild(el("span", " bridge " + status));
            grid.appendChild(row);
          });
        }
        if (data.places_without_events.length) {
          const row = el("div");
          row.appendChild(el("span", null, {"class": "geomap-dot"}));
          row.appendChild(el("span", " place mentioned, no event"));
          grid.appendChild(row);
        }
        if (data.not_drawn) {
          box.appendChild(el("div", data.not_drawn + " denied or expected event(s) not drawn", {"class": "geomap-hint"}));
        }
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      },
    });
    controls.push(new Legend().addTo(map));

    const Search = L.Control.extend({
      options: {position: "topleft"},
      onAdd: function () {
        const box = el("div", null, {"class": "geomap-control geomap-search"});
        const input = el("input", null, {type: "search", placeholder: "Find a place…", "aria-label": "Find a place"});
        const results = el("ul", null, {"class": "geomap-results", role: "listbox"});
        const message = el("div", null, {"class": "geomap-hint"});
        const goTo = entry => {
          results.replaceChildren();
          const shownTargets = entry.targets.filter(t => t.visible());
          const target = shownTargets[0] || entry.targets[0];
          message.textContent = !shownTargets.length
            ? "Its events are hidden by the dates or types chosen."
            : shownTargets.length > 1 ? shownTargets.length + " markers here; showing one" : "";
          map.setView(target.latlng, SEARCH_ZOOM[entry.kind] || 11);
          if (shownTargets.length) target.open();
        };
        const list = found => {
          results.replaceChildren(...found.slice(0, 8).map(entry => {
            const item = el("li");
            const button = el("button", entry.name, {type: "button"});
            const about = [entry.kind, entry.country].filter(Boolean).join(", ");
            if (about) button.appendChild(el("small", " " + about));
            button.addEventListener("click", () => goTo(entry));
            item.appendChild(button);
            return item;
          }));
        };
        input.addEventListener("input", () => { message.textContent = ""; list(findPlaces(input.value)); });
        const go = () => {
          stopRevealing();
          map.closePopup();
          const typed = input.value.trim();
          const found = findPlaces(typed);
          if (!typed) { results.replaceChildren(); message.textContent = ""; return; }
          if (!found.length) {
            results.replaceChildren();
            message.textContent = "No place on this map begins with “" + typed + "”: try the start of " +
              "a name, or another spelling.";
            return;
          }
          const exact = found.filter(e => e.names.includes(searchable(typed)));
          if (found.length === 1 || exact.length === 1) goTo(exact[0] || found[0]);
          else { list(found); message.textContent = found.length + " places: choose one"; }
        };
        input.addEventListener("keydown", e => { if (e.key === "Enter") go(); });
        input.addEventListener("search", go);  // the clear button, or Enter
        box.appendChild(input);
        box.appendChild(results);
        box.appendChild(message);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      },
    });
    controls.push(new Search().addTo(map));

    const credits = data.credits.map(text => el("span", text).outerHTML);
    credits.forEach(text => map.attributionControl.addAttribution(text));
    ready = true;
    refresh();
    // Take away what this drawing added (before drawing more of the data).
    function destroy() {
      clearInterval(playing);
      map.closePopup();
      sayEmpty("");
      map.eachLayer(layer => { if (!layersBefore.has(layer)) map.removeLayer(layer); });
      controls.forEach(control => control.remove());
      credits.forEach(text => map.attributionControl.removeAttribution(text));
    }
    function chosen() {
      return {from: dates[state.from] || "", to: dates[state.to] || "9999", undated: state.undated,
        hidden: types.map(t => t.code).filter(code => !state.types.has(code))};
    }
    return {map: map, dates: dates, cluster: cluster, events: eventMarkers, front: front, state: state,
      refresh: refresh, reveal: reveal, destroy: destroy, chosen: chosen, find: findPlaces,
      contradictions: () => contradictions, reference: reference,
      loadedFrom: options.loadedFrom || null};
  }

  // ---- the data: records in parts, embedded or loaded, joined into tables -------------
  //
  // A map of a whole store keeps its data beside the page (data/head.js and one chunk per
  // day of events and per country of places) so that an update rewrites only the chunks
  // that changed. Scripts load from file:// where fetch() may not, so each data file is a
  // script calling geomapData(). Parts hold records as geomap stores them (see
  // geomap/mapdata.py); assemble() joins them into the tables the layers are drawn from.
  // Each data file calls geomapData() as it runs; the script running says which file it
  // is, so that several load at once (the browser reads and compiles them in parallel).
  const waiting = new Map();  // address -> resolve
  window.geomapData = data => {
    const src = document.currentScript && document.currentScript.getAttribute("src");
    const resolve = waiting.get(src);
    if (resolve) { waiting.delete(src); resolve(data); }
  };
  function load(src) {
    return new Promise((resolve, reject) => {
      waiting.set(src, resolve);
      const script = document.createElement("script");
      script.src = src;
      script.onerror = () => reject(new Error("cannot read " + src));
      document.head.appendChild(script);
    });
  }

  // A table of values stored once and referred to by index.
  function indexTable() {
    const index = new Map();
    const rows = [];
    return {
      rows: rows, index: index,
      add(key, row) {
        let at = index.get(key);
        if (at === undefined) { at = rows.length; index.set(key, at); rows.push(row === undefined ? key : row); }
        return at;
      },
    };
  }

  // Whether [lon, lat] lies inside a GeoJSON Polygon or MultiPolygon (even-odd rule: a
  // hole is outside).
  function inside(point, geometry) {
    const [x, y] = point;
    const inRing = ring => {
      let hit = false;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) hit = !hit;
      }
      return hit;
    };
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    return polygons.some(rings => inRing(rings[0]) && !rings.slice(1).some(inRing));
  }

  // A name as the search compares it: lower case, one kind of apostrophe, single spaces.
  function searchable(name) {
    return String(name).toLowerCase().replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'").replace(/\s+/g, " ").trim();
  }

  function dayNumber(iso) { return Date.parse(iso + "T00:00:00Z") / 86400000; }

  // Whether two dates (with their ACLED precisions: 1 day, 2 week, 3 month) may date one
  // event, as geomap's Python groups the reports of one article (events/reports.py).
  function sameWindow(a, aPrecision, b, bPrecision, windowDays) {
    if (!a || !b) return true;
    if (Math.min(aPrecision, bPrecision) >= 3) return a.slice(0, 7) === b.slice(0, 7);
    const days = Math.max(aPrecision, bPrecision) >= 2 ? 7 : windowDays;
    return Math.abs(dayNumber(a) - dayNumber(b)) <= days;
  }

  // The records that tell one event, by index: the same type at the same place, with the
  // same kind of certainty, dates in one window and sides that agree. Drawn as one marker
  // whose popup gives every report, so an event several articles tell is one marker.
  function eventGroups(records, R, windowDays) {
    const groups = [];
    const open = new Map();
    records.forEach((record, index) => {
      const certainty = record[R.certainty];
      const sure = certainty === "reported" || certainty === "claimed";
      const key = record[R.type] + "\u001f" + record[R.place][0] + "\u001f" + (sure ? "" : certainty);
      if (!open.has(key)) open.set(key, []);
      const side = record[R.side];
      for (const members of open.get(key)) {
        const first = records[members[0]];
        if (sameWindow(record[R.date], record[R.precision], first[R.date], first[R.precision], windowDays) &&
            (!side || !first[R.side] || side === first[R.side])) {
          members.push(index);
          return;
        }
      }
      const members = [index];
      groups.push(members);
      open.get(key).push(members);
    });
    return groups;
  }

  function assemble(parts) {
    const head = parts[0];
    const R = {};
    head.record_fields.forEach((name, i) => { R[name] = i; });
    const records = [];
    const placeRecords = [];
    const known = {};
    const data = {
      event_fields: head.event_fields, types: [], events: [], places: [], place_ids: [],
      places_without_events: [], quotes: [], articles: [], frontline: [], bridges: [],
      bridge_statuses: head.bridge_statuses, areas: [], sides: {}, dates: [], not_drawn: 0,
      basemap: null, credits: [], written: {}, reference: [], details: [],
    };
    // a square's records point to their tile's details by its index in the square's list
    const details = indexTable();
    for (const part of parts) {
      const tiles = (part.details || []).map(file => details.add(file.file, file));
      for (const record of part.events || []) records.push(record);
      for (const record of part.places || []) {
        placeRecords.push(typeof record[3] === "number"
          ? [record[0], record[1], record[2], null, record[4], tiles[record[3]]]
          : record);
      }
      Object.assign(known, part.articles || {});
      Object.assign(data.sides, part.sides || {});
      for (const key of ["areas", "credits"]) {
        for (const item of part[key] || []) data[key].push(item);
      }
      for (const key of ["frontline", "bridges"]) {
        for (const f of part[key] || []) {
          const at = f.properties.details;
          data[key].push(at ? {type: f.type, geometry: f.geometry, properties: Object.assign(
            {}, f.properties, {details: [tiles[at[0]], at[1]], quotes: [], articles: []})} : f);
        }
      }
      data.not_drawn += part.not_drawn || 0;
      if (part.basemap) data.basemap = part.basemap;
      if (part.reference) data.reference = part.reference;
    }
    const places = indexTable();
    const quotes = indexTable();
    const articles = indexTable();
    const placeIndex = key => places.add(key[0], key.slice(1));
    const articleIndex = id => articles.add(id, known[id] || {id: id, label: id, date: null, url: null, map: null});
    const groups = eventGroups(records, R, head.date_window_days);
    const counts = new Map();
    groups.forEach(members => {
      const code = records[members[0]][R.type];
      counts.set(code, (counts.get(code) || 0) + 1);
    });
    data.types = head.types.filter(t => counts.has(t.code)).map(t => Object.assign({}, t, {count: counts.get(t.code)}));
    const typeIndex = new Map(data.types.map((t, i) => [t.code, i]));
    for (const members of groups) {
      const r = records[members[0]];
      const reports = members.slice(1).map(k => [quotes.add(records[k][R.quote]), articleIndex(records[k][R.article])]);
      data.events.push([
        typeIndex.get(r[R.type]), placeIndex(r[R.place]), r[R.date], r[R.precision], r[R.written], r[R.actors],
        r[R.certainty], quotes.add(r[R.quote]), articleIndex(r[R.article]), r[R.sub_type], r[R.role], reports,
      ]);
    }
    const withEvents = new Set(records.map(r => r[R.place][0]));
    for (const [key, , , , written] of placeRecords) {
      if (written && written.length) data.written[placeIndex(key)] = written;
    }
    for (const [key, mentions, count, cited, , tile] of placeRecords) {
      if (withEvents.has(key[0])) continue;  // drawn as its events, not as a quiet place
      data.places_without_events.push([placeIndex(key), mentions, count,
        cited ? cited.map(([q, a]) => [quotes.add(q), articleIndex(a)]) : null, cited ? null : tile]);
    }
    // a head lists the dates of every chunk, loaded or not, for the date sliders
    const dates = new Set(records.map(r => r[R.date]).filter(Boolean));
    parts.forEach(part => (part.dates || []).forEach(d => dates.add(d)));
    for (const key of ["frontline", "bridges"]) {
      data[key] = data[key].map(f => ({
        type: "Feature", geometry: f.geometry,
        properties: Object.assign({}, f.properties, {
          quotes: f.properties.quotes.map(q => quotes.add(q)),
          articles: f.properties.articles.map(articleIndex),
        }, f.properties.valid_to === null ? {valid_to: head.last} : {}),
      }));
    }
    data.frontline.forEach(f => dates.add(f.properties.valid_from));
    data.dates = Array.from(dates).sort();
    data.places = places.rows;
    data.place_ids = Array.from(places.index.keys());
    data.quotes = quotes.rows;
    data.articles = articles.rows;
    data.details = details.rows;
    return data;
  }

  // The box the map opens on: where the events are (and the bridges), else every place;
  // large areas only when nothing smaller is there.
  const LARGE_KINDS = new Set(["country", "continent", "admin1", "region", "sea", "river"]);
  function fitToData(map, data) {
    const F = data.event_fields.indexOf("place");
    const atEvents = Array.from(new Set(data.events.map(row => row[F]))).map(i => data.places[i]);
    const chosen = atEvents.length ? atEvents : data.places;
    const smaller = chosen.filter(p => !LARGE_KINDS.has(p[3]));
    const points = (smaller.length ? smaller : chosen).map(p => [p[0], p[1]]);
    data.bridges.forEach(f => { if (f.geometry.type === "Point") points.push(f.geometry.coordinates); });
    if (!points.length) return false;
    const core = mostPoints(points);
    const lons = core.map(p => p[0]);
    const lats = core.map(p => p[1]);
    const box = [[Math.min(...lats), Math.min(...lons)], [Math.max(...lats), Math.max(...lons)]];
    map.fitBounds(box, {padding: [30, 30], maxZoom: 9, animate: false});
    return true;
  }

  // Where most of ``points`` ([lon, lat]) are: those within three times the median
  // distance from their median point (a degree at least), so that one far-off event or a
  // stray place does not make a continent the first view; it keeps its marker, out of
  // view. Two points or fewer are all kept (which would be the stray one?).
  function mostPoints(points) {
    if (points.length < 3) return points;
    const median = values => {
      const sorted = values.slice().sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    };
    const lon = median(points.map(p => p[0]));
    const lat = median(points.map(p => p[1]));
    const scale = Math.cos(lat * Math.PI / 180);
    const distances = points.map(p => Math.hypot((p[0] - lon) * scale, p[1] - lat));
    const limit = Math.max(3 * median(distances), 1);
    return points.filter((p, i) => distances[i] <= limit);
  }

  // An online map whose tiles cannot be loaded (no network) says so, once, and how to
  // draw one that needs none; the page's own notice (that Leaflet could not be loaded at
  // all) goes once this script runs.
  function watchTiles(map) {
    const fallback = document.getElementById("geomap-fallback");
    if (fallback) fallback.remove();
    let told = false;
    map.eachLayer(layer => {
      if (!(layer instanceof L.TileLayer)) return;
      layer.on("tileerror", () => {
        if (told) return;
        told = true;
        const note = el("div", "The background map could not be loaded (is there a network?): the " +
          "data is drawn without it. For a map that needs no network, draw it with --offline.",
          {"class": "geomap-empty geomap-tiles", role: "status"});
        map.getContainer().appendChild(note);
        setTimeout(() => note.remove(), 20000);
      });
    });
  }

  // A view given in the page's address, for links and pictures (see geomap/picture.py):
  // #view=W,S,E,N (lon/lat) fits it; print=1 leaves out what a picture does not need (the
  // search, the zoom buttons, the layer box, the sliders), keeps the legend open and,
  // with size=WxH, makes a printed page of that size.
  function viewOf(hash) {
    const params = new URLSearchParams(hash.replace(/^#/, ""));
    const box = (params.get("view") || "").split(",").map(Number);
    const size = (params.get("size") || "").split("x").map(Number);
    return {
      box: box.length === 4 && box.every(Number.isFinite) ? [[box[1], box[0]], [box[3], box[2]]] : null,
      print: params.get("print") === "1",
      size: size.length === 2 && size.every(n => n > 0) ? size : null,
    };
  }
  function applyView(map, view) {
    if (view.print) {
      map.getContainer().classList.add("geomap-print");
      document.querySelectorAll("details.geomap-legend").forEach(d => { d.open = true; });
      if (view.size) {
        const style = document.createElement("style");
        style.textContent = "@page { size: " + view.size[0] + "px " + view.size[1] + "px; margin: 0 }";
        document.head.appendChild(style);
      }
    }
    if (view.box) map.fitBounds(view.box, {animate: false});
    document.documentElement.dataset.geomapReady = "1";  // (a picture may be taken)
  }

  function boot(map, embedded) {
    watchTiles(map);
    const view = viewOf(window.location.hash);
    if (!embedded.head) {
      const data = assemble([embedded]);
      fitToData(map, data);
      window.geomap = start(map, data);
      applyView(map, view);
      return Promise.resolve(window.geomap);
    }
    const note = el("div", "Loading the map's data…", {"class": "geomap-loading"});
    map.getContainer().appendChild(note);
    const loaded = new Map();  // data file -> its part
    // in the order listed, whatever order they arrive in
    const read = async chunks => {
      const wanted = chunks.filter(chunk => !loaded.has(chunk.file));
      const parts = await Promise.all(wanted.map(chunk => load(chunk.file + "?v=" + chunk.version)));
      wanted.forEach((chunk, i) => loaded.set(chunk.file, parts[i]));
    };
    return load(embedded.head).then(async head => {
      if (head.title) document.title = head.title;
      // Days of events, latest first, as many as head.initial_records allows (one at
      // least); the rest when asked for. Places, undated events and the basemap at once.
      // (a busy day's events are in several chunks: a day is loaded whole)
      const days = head.chunks.filter(c => c.day);
      const byDay = new Map();
      days.forEach(c => byDay.set(c.day, [...(byDay.get(c.day) || []), c]));
      const first = [];
      let records = 0;
      for (const chunks of Array.from(byDay.values()).reverse()) {
        const count = chunks.reduce((sum, c) => sum + c.records, 0);
        if (first.length && records + count > head.initial_records) break;
        first.unshift(...chunks);
        records += count;
      }
      await read([...head.chunks.filter(c => !c.day), ...first]);
      const draw = shown => {
        const missing = days.filter(c => !loaded.has(c.file));
        const earliest = days.find(c => loaded.has(c.file));
        const data = assemble([head, ...loaded.values()]);
        if (window.geomap) window.geomap.destroy(); else fitToData(map, data);
        window.geomap = start(map, data, {
          shown: shown,
          loadedFrom: missing.length && earliest ? earliest.day : null,
          need: date => {
            note.textContent = "Loading earlier events…";
            map.getContainer().appendChild(note);
            const chosen = window.geomap.chosen();
            read(days.filter(c => c.day >= date)).then(() => { note.remove(); draw(chosen); });
          },
        });
        return window.geomap;
      };
      note.remove();
      const shown = draw(null);
      applyView(map, view);
      return shown;
    }).catch(error => {
      note.textContent = "This map's data could not be read (" + error.message +
        "): keep the page beside its data folder, or run geomap update again.";
      throw error;
    });
  }

  // (without Leaflet, which an online page loads from the network, the page's own notice
  // says what to do: nothing to start)
  window.geomapStart = (map, embedded) => (window.L ? boot(map, embedded) : null);
  window.geomapAssemble = assemble;  // for tests: the tables a map's parts make
})();
