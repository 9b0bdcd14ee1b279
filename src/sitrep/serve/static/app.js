/* sitrep dashboard: map, timeline, actor network, event panel and trends over /api.
 * Every piece of text that comes from a report is put into the page with textContent (never innerHTML),
 * so a report that contains <script> shows it as text. Links are made only for http(s) URLs. */
(function () {
  "use strict";

  const TYPES = ["Battles", "Violence against civilians", "Explosions/Remote violence", "Riots", "Protests",
    "Strategic developments"];
  const SUB_TYPES = ["Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Attack", "Abduction/forced disappearance", "Sexual violence", "Air/drone strike", "Suicide bomb",
    "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade", "Chemical weapon",
    "Violent demonstration", "Mob violence", "Peaceful protest", "Protest with intervention",
    "Excessive force against protesters", "Agreement", "Arrests", "Change to group/activity",
    "Disrupted weapons use", "Headquarters or base established", "Looting/property destruction",
    "Non-violent transfer of territory", "Other"];
  const COLOURS = {"Battles": "#d7301f", "Violence against civilians": "#7a0177", "Explosions/Remote violence": "#fd8d3c",
    "Riots": "#1b7837", "Protests": "#2166ac", "Strategic developments": "#737373"};
  const STATUS_COLOURS = {"asserted": "#1a9850", "reported": "#4575b4", "claimed": "#f46d43", "alleged": "#d73027",
    "denied": "#999999", "unverified": "#bbbbbb"};
  const state = {offset: 0, limit: 50, selected: null, markers: 0, ready: false};
  window.sitrepState = state;

  // ---- small DOM helpers (text only)
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "style") node.style.cssText = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function safeLink(url, text) {
    let ok = false;
    try { const u = new URL(url, window.location.href); ok = u.protocol === "http:" || u.protocol === "https:"; }
    catch (e) { ok = false; }
    if (!url || !ok) return el("span", {}, text || url || "");
    return el("a", {href: url, target: "_blank", rel: "noopener noreferrer nofollow"}, text || url);
  }
  function colour(type) { return COLOURS[type] || "#444"; }
  async function api(path, params) {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
    const r = await fetch(url);
    if (!r.ok) throw new Error(path + ": " + r.status);
    return r.json();
  }

  // ---- filters
  const form = document.getElementById("filters");
  function filters() {
    const data = new FormData(form);
    const out = {};
    for (const key of ["country", "admin1", "actor", "type", "sub_type", "from", "to", "q", "claimed_by"]) {
      const v = (data.get(key) || "").toString().trim();
      if (v) out[key] = v;
    }
    if (data.get("confirmed_only")) out.confirmed_only = "true";
    if (data.get("background")) out.background = "true";
    if (data.get("in_view") && map) {
      const b = map.getBounds();
      out.bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(4)).join(",");
    }
    return out;
  }
  function fillSelect(name, values) {
    const select = form.elements[name];
    const keep = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const v of values) select.appendChild(el("option", {value: v}, v));
    select.value = values.includes(keep) ? keep : "";
  }
  fillSelect("type", TYPES);
  fillSelect("sub_type", SUB_TYPES);

  // ---- map: country outlines from world-atlas (Natural Earth) via topojson-client; no tile layer
  const map = L.map("map", {zoomControl: true, worldCopyJump: false, attributionControl: true, minZoom: 2, maxZoom: 12})
    .setView([16, -2], 5);
  map.attributionControl.addAttribution("Outlines: Natural Earth (world-atlas)");
  const clusters = L.markerClusterGroup({
    showCoverageOnHover: false, maxClusterRadius: 40,
    iconCreateFunction: (cluster) => L.divIcon({html: String(cluster.getChildCount()), className: "cluster",
      iconSize: L.point(30, 30)}),
  });
  map.addLayer(clusters);
  const countryLabels = L.layerGroup().addTo(map);
  let countryFeatures = [];
  async function loadOutlines() {
    try {
      const topo = await api("/vendor/world-atlas/countries-50m.json");
      const geo = topojson.feature(topo, topo.objects.countries);
      countryFeatures = geo.features;
      L.geoJSON(geo, {style: {color: "#8a8a8a", weight: 1, fillColor: "#f3f0e8", fillOpacity: 1},
        interactive: false}).addTo(map).bringToBack();
    } catch (e) { console.warn("no outlines", e); }
  }
  function labelCountries(places) {
    // each country that has events is named beside them (its own centre may be far out of view)
    countryLabels.clearLayers();
    for (const f of countryFeatures) {
      const name = f.properties && f.properties.name;
      if (!name || !places.has(name)) continue;
      const pts = places.get(name);
      let center = L.geoJSON(f).getBounds().getCenter();
      if (!map.getBounds().pad(-0.1).contains(center)) {
        center = L.latLng(pts.reduce((a, q) => a + q[0], 0) / pts.length + 0.9, pts.reduce((a, q) => a + q[1], 0) / pts.length);
      }
      const label = el("span", {}, name);
      L.tooltip({permanent: true, direction: "center", className: "country-label", interactive: false})
        .setLatLng(center).setContent(label).addTo(countryLabels);
    }
  }
  const legend = document.getElementById("legend");
  for (const t of TYPES) legend.appendChild(el("span", {}, el("span", {class: "swatch", style: "background:" + colour(t)}), t));
  legend.appendChild(el("span", {}, "size: fatalities"));

  let fitted = false;
  async function loadMap(f) {
    const data = await api("/api/events", Object.assign({}, f, {limit: 5000, count: "false"}));
    clusters.clearLayers();
    const names = new Map();
    const points = [];
    for (const e of data.items) {
      if (e.latitude === null || e.longitude === null) continue;
      const marker = L.circleMarker([e.latitude, e.longitude], {
        radius: 5 + 2.2 * Math.sqrt(e.fatalities || 0), color: "#222", weight: 1, fillColor: colour(e.event_type),
        fillOpacity: 0.85,
      });
      marker.bindTooltip(el("span", {}, (e.event_date || "?") + " · " + (e.sub_event_type || e.event_type || "") +
        " · " + (e.location || "") + (e.fatalities ? " · " + e.fatalities + " killed" : "")));
      marker.on("click", () => showEvent(e.id));
      marker.sitrepId = e.id;
      clusters.addLayer(marker);
      points.push([e.latitude, e.longitude]);
      if (e.country) { if (!names.has(e.country)) names.set(e.country, []); names.get(e.country).push([e.latitude, e.longitude]); }
    }
    state.markers = points.length;
    if (!fitted && points.length) {
      // frame where most events are: an outlier (a foreign capital named in a report) must not zoom the
      // map out to the world
      const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const mlat = median(points.map((q) => q[0])), mlon = median(points.map((q) => q[1]));
      const near = points.filter((q) => Math.abs(q[0] - mlat) < 15 && Math.abs(q[1] - mlon) < 20);
      map.fitBounds(L.latLngBounds(near.length ? near : points).pad(0.5), {maxZoom: 6, animate: false});
      fitted = true;
    }
    labelCountries(names);
  }

  // ---- timeline: events per week by type (Chart.js, stacked bars)
  let timeline = null;
  function loadTimeline(stats) {
    let weeks = [...new Set(stats.by_week_type.map((r) => r.week).filter(Boolean))].sort();
    if (weeks.length > 1) {  // every week between the first and the last, quiet weeks included (up to ~5 years)
      const first = new Date(weeks[0] + "T00:00:00Z").getTime(), last = new Date(weeks[weeks.length - 1] + "T00:00:00Z").getTime();
      const n = Math.round((last - first) / (7 * 86400000));
      if (n < 270) weeks = Array.from({length: n + 1}, (_, i) => new Date(first + i * 7 * 86400000).toISOString().slice(0, 10));
    }
    const types = TYPES.filter((t) => stats.by_week_type.some((r) => r.event_type === t));
    const datasets = types.map((t) => ({label: t, backgroundColor: colour(t), stack: "s",
      data: weeks.map((w) => { const r = stats.by_week_type.find((x) => x.week === w && x.event_type === t); return r ? r.events : 0; })}));
    if (timeline) timeline.destroy();
    timeline = new Chart(document.getElementById("timeline"), {
      type: "bar", data: {labels: weeks, datasets},
      options: {animation: false, maintainAspectRatio: false, responsive: true,
        scales: {x: {stacked: true, title: {display: true, text: "week starting"}}, y: {stacked: true, beginAtZero: true,
          ticks: {precision: 0}}},
        plugins: {legend: {position: "bottom", labels: {boxWidth: 10}}},
        onClick: (_evt, items) => {
          if (!items.length) return;
          const start = new Date(weeks[items[0].index] + "T00:00:00Z");
          const end = new Date(start.getTime() + 6 * 86400000);
          form.elements.from.value = weeks[items[0].index];
          form.elements.to.value = end.toISOString().slice(0, 10);
          refresh();
        }},
    });
  }

  // ---- actor network (cytoscape): relations read in reports, coloured by status
  let cy = null;
  async function loadNetwork() {
    const net = await api("/api/network", {limit: 300});
    const elements = net.nodes.map((n) => ({data: {id: "n:" + n.id, label: n.label, name: n.id}}))
      .concat(net.edges.map((e, i) => ({data: {id: "e" + i, source: "n:" + e.source, target: "n:" + e.target,
        label: e.predicate, status: e.status, colour: STATUS_COLOURS[e.status] || "#999"}})));
    if (cy) cy.destroy();
    cy = cytoscape({container: document.getElementById("network"), elements,
      style: [
        {selector: "node", style: {"label": "data(label)", "font-size": 9, "width": 12, "height": 12,
          "background-color": "#23303d", "text-wrap": "ellipsis", "text-max-width": 120, "color": "#333"}},
        {selector: "edge", style: {"width": 2, "line-color": "data(colour)", "target-arrow-color": "data(colour)",
          "target-arrow-shape": "triangle", "curve-style": "bezier", "label": "data(label)", "font-size": 7,
          "color": "#666", "text-rotation": "autorotate"}},
      ],
      layout: {name: elements.length > 1 ? "cose" : "grid", animate: false, nodeRepulsion: 8000, padding: 10}});
    cy.on("tap", "node", (evt) => { form.elements.actor.value = evt.target.data("name"); refresh(); });
    const legendBox = clear(document.getElementById("network-legend"));
    for (const [s, c] of Object.entries(STATUS_COLOURS)) legendBox.appendChild(el("span", {}, el("span", {class: "line", style: "background:" + c}), s));
  }

  // ---- the event list
  async function loadList(f) {
    const data = await api("/api/events", Object.assign({}, f, {limit: state.limit, offset: state.offset}));
    const body = clear(document.querySelector("#events tbody"));
    for (const e of data.items) {
      const row = el("tr", {"data-id": e.id, onclick: () => showEvent(e.id)},
        el("td", {}, e.event_date || "?"),
        el("td", {}, el("span", {class: "swatch", style: "background:" + colour(e.event_type)}), e.sub_event_type || e.event_type || ""),
        el("td", {}, [e.actor1, e.actor2].filter(Boolean).join(" vs ")),
        el("td", {}, [e.location, e.admin1, e.country].filter(Boolean).join(", ")),
        el("td", {}, String(e.fatalities ?? "")),
        el("td", {}, String(e.n_sources ?? "")),
        el("td", {}, el("span", {class: "badge " + (e.status || "")}, e.status || "")));
      if (e.id === state.selected) row.classList.add("selected");
      body.appendChild(row);
    }
    const total = data.total === null ? "?" : (data.total_exact ? data.total : data.total + "+");
    document.getElementById("page-info").textContent = (data.items.length ? (state.offset + 1) + "–" +
      (state.offset + data.items.length) : "0") + " of " + total;
    document.getElementById("summary").textContent = total + " events match";
    document.getElementById("prev").disabled = state.offset === 0;
    document.getElementById("next").disabled = data.next_offset === null;
  }
  document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); loadList(filters()); });
  document.getElementById("next").addEventListener("click", () => { state.offset += state.limit; loadList(filters()); });

  // ---- the event panel: every field with the sentence it came from, every source with its claims
  const FIELDS = [["event_date", "date"], ["event_type", "type"], ["sub_event_type", "sub-type"], ["actor1", "actor 1"],
    ["actor2", "actor 2"], ["location", "location"], ["admin1", "admin1"], ["country", "country"],
    ["fatalities", "fatalities"]];
  async function showEvent(id) {
    state.selected = id;
    for (const tr of document.querySelectorAll("#events tbody tr")) tr.classList.toggle("selected", tr.dataset.id === id);
    const panel = clear(document.getElementById("panel"));
    panel.appendChild(el("p", {class: "hint"}, "loading…"));
    let e;
    try { e = await api("/api/events/" + encodeURIComponent(id)); }
    catch (err) { clear(panel).appendChild(el("p", {}, "could not load the event: " + err.message)); return; }
    clear(panel);
    panel.dataset.eventId = e.id;
    panel.appendChild(el("h2", {}, (e.sub_event_type || e.event_type || "event") + " — " +
      [e.location, e.admin1, e.country].filter(Boolean).join(", ") + " — " + (e.event_date || "date unknown")));
    panel.appendChild(el("p", {},
      el("span", {class: "badge " + e.status}, e.status),
      el("span", {}, e.n_sources + " independent source(s), " + e.n_reports + " report(s), " + e.n_documents + " document(s)")));
    const facts = el("ul", {class: "facts"});
    for (const [name, fact] of Object.entries(e.facts || {})) {
      facts.appendChild(el("li", {}, el("b", {}, {occurrence: "happened", fatalities: "toll", actor1: "perpetrator"}[name] || name),
        ": " + fact.label));
    }
    panel.appendChild(facts);
    const fat = e.fatalities_low === null ? "no figure reported" :
      e.fatalities + " (ACLED: lowest credible figure) · low " + e.fatalities_low + " · best " + e.fatalities_best +
      " · high " + e.fatalities_high;
    panel.appendChild(el("p", {}, el("b", {}, "Fatalities: "), fat));
    const table = el("table", {class: "fields"});
    for (const [key, label] of FIELDS) {
      const ev = (e.evidence || {})[key] || [];
      const seen = new Set();
      const cell = el("td", {class: "sentence"});
      for (const item of ev) {
        const text = item.sentence || item.text;
        if (seen.has(text)) continue;
        seen.add(text);
        cell.appendChild(el("div", {}, el("span", {class: "outlet"}, item.outlet || ""), "“" + text + "”"));
      }
      table.appendChild(el("tr", {}, el("th", {}, label), el("td", {}, String(e[key] ?? "")), cell));
    }
    panel.appendChild(table);
    if (e.notes) panel.appendChild(el("p", {class: "notes"}, el("b", {}, "Notes: "), e.notes));
    panel.appendChild(el("h3", {}, "Sources"));
    for (const m of e.members || []) {
      const box = el("div", {class: "source"});
      // the language the report was read in ("und": too short to tell, so no badge)
      const lang = m.language && m.language !== "und" ?
        el("span", {class: "badge lang", title: "language of the report"}, m.language.toUpperCase()) : null;
      box.appendChild(el("div", {}, lang, el("b", {}, m.source || m.outlet || m.doc_id), " · ",
        safeLink(m.url, m.title || m.url || m.doc_id), m.published ? " · " + m.published : "",
        m.near_duplicate ? el("span", {class: "badge"}, "copy of " + m.report_id) : null));
      box.appendChild(el("div", {class: "reasons"}, "as reported: " + [m.event_date, m.sub_event_type, m.location,
        (m.fatalities_low === null ? "no toll" : m.fatalities + " killed")].filter(Boolean).join(" · ")));
      box.appendChild(el("div", {class: "reasons"}, "merged (score " + Number(m.score || 0).toFixed(2) + "): " +
        (m.reasons || []).join("; ")));
      if (m.claims && m.claims.length) {
        const ul = el("ul", {class: "claims"});
        for (const c of m.claims) ul.appendChild(el("li", {}, el("span", {class: "badge " + (c.status === "claimed" ? "claimed" : "")}, c.status),
          (c.claimant || "?") + ": “" + c.text + "”"));
        box.appendChild(ul);
      }
      panel.appendChild(box);
    }
  }

  // ---- trends
  let distanceChart = null;
  async function loadTrends(f) {
    const df = new FormData(document.getElementById("distance-form"));
    const actor = (df.get("actor") || "").toString().trim();
    const capital = (df.get("capital") || "").toString().trim();
    const t = await api("/api/trends", Object.assign({}, f, {distance_actor: actor, capital}));
    const spikes = clear(document.getElementById("spikes"));
    if (!t.spikes.length) spikes.appendChild(el("li", {class: "hint"}, "no spike"));
    for (const s of t.spikes.slice(0, 30)) spikes.appendChild(el("li", {}, "week of " + s.week + ": " + s.admin1 + " (" +
      s.country + ") " + s.events + " events, baseline " + s.baseline_mean + "/week"));
    const body = clear(document.querySelector("#admin1-monthly tbody"));
    for (const r of t.admin1_monthly.slice().reverse().slice(0, 200)) body.appendChild(el("tr", {},
      el("td", {}, r.month), el("td", {}, r.country), el("td", {}, r.admin1 || "—"), el("td", {}, String(r.events)),
      el("td", {}, String(r.fatalities))));
    const dist = t.distance || {by_month: []};
    const dbody = clear(document.querySelector("#distance-table tbody"));
    for (const r of dist.by_month) dbody.appendChild(el("tr", {}, el("td", {}, r.month), el("td", {}, String(r.events)),
      el("td", {}, String(r.min_km)), el("td", {}, String(r.median_km))));
    if (distanceChart) distanceChart.destroy();
    const capName = dist.capital ? dist.capital.name : "capital";
    distanceChart = new Chart(document.getElementById("distance"), {
      type: "line",
      data: {labels: dist.by_month.map((r) => r.month), datasets: [
        {label: "median km from " + capName, data: dist.by_month.map((r) => r.median_km), borderColor: "#b2182b", backgroundColor: "#b2182b"},
        {label: "closest km", data: dist.by_month.map((r) => r.min_km), borderColor: "#2166ac", backgroundColor: "#2166ac", borderDash: [4, 3]}]},
      options: {animation: false, maintainAspectRatio: false, scales: {y: {beginAtZero: true, title: {display: true, text: "km"}}},
        plugins: {legend: {position: "bottom", labels: {boxWidth: 10}}}},
    });
  }
  document.getElementById("distance-form").addEventListener("submit", (evt) => { evt.preventDefault(); loadTrends(filters()); });

  // ---- everything the filters drive
  async function refresh() {
    const f = filters();
    state.offset = 0;
    document.body.dataset.ready = "0";
    const stats = await api("/api/stats", f);
    await Promise.all([loadMap(f), loadList(f), loadTrends(f)]);
    loadTimeline(stats);
    document.body.dataset.ready = "1";
  }
  async function loadChoices() {
    const stats = await api("/api/stats", {background: "true"});
    fillSelect("country", [...new Set(stats.by_admin1.map((r) => r.country).filter(Boolean))].sort());
    fillSelect("admin1", [...new Set(stats.by_admin1.map((r) => r.admin1).filter(Boolean))].sort());
    const actors = await api("/api/actors", {limit: 500});
    const list = clear(document.getElementById("actor-names"));
    for (const a of actors.items) list.appendChild(el("option", {value: a.name}));
  }
  form.addEventListener("submit", (evt) => { evt.preventDefault(); refresh(); });
  form.addEventListener("reset", () => setTimeout(refresh, 0));
  for (const name of ["country", "admin1", "type", "sub_type", "claimed_by", "confirmed_only", "background"]) {
    form.elements[name].addEventListener("change", refresh);
  }
  map.on("moveend", () => { if (form.elements.in_view.checked) refresh(); });

  (async function start() {
    try {
      await loadOutlines();
      await loadChoices();
      await Promise.all([refresh(), loadNetwork()]);
      state.ready = true;
      document.body.dataset.ready = "1";
    } catch (err) {
      document.getElementById("summary").textContent = "error: " + err.message;
      document.body.dataset.ready = "error";
    }
  })();
})();
