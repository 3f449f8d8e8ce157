/* geomap review: the queue, one event at a time, and decisions posted to the ledger.
   Source text is only ever set with textContent (never as HTML). */
(function () {
  "use strict";
  var token = document.querySelector('meta[name="geomap-token"]').getAttribute("content");
  var FIELDS = [
    ["event_type", "select"], ["sub_type", "select"], ["date_start", "date"], ["date_end", "date"],
    ["time_precision", "select"], ["place", "text"], ["place_mention", "text"], ["gazetteer_id", "text"],
    ["admin1", "text"], ["geo_precision", "select"], ["lon", "number"], ["lat", "number"],
    ["actors", "text"], ["weapons", "text"], ["fatalities", "number"], ["summary", "textarea"],
    ["claim_status", "select"], ["claimed_by", "text"]
  ];
  var CHOICES = {
    event_type: ["deployment", "drone_reconnaissance", "strike", "ground_assault", "other"],
    time_precision: ["day", "week", "month", "season", "year"],
    geo_precision: ["settlement", "near_settlement", "admin2", "admin1"],
    claim_status: ["reported", "claimed", "confirmed", "disputed"]
  };
  var SUB_TYPES = {
    deployment: ["troop_arrival", "reinforcement", "redeployment", "withdrawal", "presence"],
    drone_reconnaissance: ["aerial_reconnaissance", "target_acquisition", "fire_adjustment"],
    strike: ["drone_strike", "mlrs", "artillery", "missile", "air_strike", "glide_bomb", "shelling"],
    ground_assault: ["assault", "incursion", "offensive", "counteroffensive", "armed_clash"],
    other: ["training", "equipment_transfer", "casualties", "statement", "other"]
  };
  var state = { items: [], shown: 0, index: -1, detail: null, map: null, marker: null, shape: null, facetsDone: false };
  var api = window.geomapReview = { ready: false, current: null, busy: 0, decisions: 0 };

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function say(text, bad) { var m = $("message"); m.textContent = text; m.className = bad ? "bad" : ""; }

  function request(method, path, body) {
    api.busy += 1;
    var opts = { method: method, headers: {} };
    opts.headers["X-Geomap-Token"] = token;
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    return fetch(path, opts).then(function (r) {
      return r.json().then(function (data) {
        api.busy -= 1;
        if (!r.ok) { throw new Error(data.error || ("HTTP " + r.status)); }
        return data;
      }, function () { api.busy -= 1; throw new Error("HTTP " + r.status); });
    }, function (err) { api.busy -= 1; throw err; });
  }

  // --- the queue ------------------------------------------------------------
  function filterQuery() {
    var f = $("filters"), q = [];
    ["status", "document", "type", "oblast", "min_confidence", "since", "until"].forEach(function (n) {
      var v = f.elements[n].value;
      if (v) { q.push(encodeURIComponent(n) + "=" + encodeURIComponent(v)); }
    });
    return q.join("&");
  }

  function fillSelect(select, values) {
    values.forEach(function (v) { var o = el("option", v); o.value = v; select.appendChild(o); });
  }

  function loadQueue(keepId) {
    return request("GET", "api/queue?" + filterQuery()).then(function (data) {
      var cols = data.columns;
      data.items = data.rows.map(function (r) {
        var o = {};
        for (var c = 0; c < cols.length; c++) { o[cols[c]] = r[c]; }
        return o;
      });
      if (!state.facetsDone) {
        var f = $("filters");
        fillSelect(f.elements.document, data.facets.documents);
        fillSelect(f.elements.type, data.facets.types);
        fillSelect(f.elements.oblast, data.facets.oblasts);
        state.facetsDone = true;
      }
      var probs = $("problems");
      clear(probs);
      probs.hidden = data.problems.length === 0;
      data.problems.forEach(function (p) { probs.appendChild(el("div", "Ledger line not read (kept in the file): " + p)); });
      var c = data.counts, parts = [];
      Object.keys(c).sort().forEach(function (k) { parts.push(k + " " + c[k]); });
      $("counts").textContent = data.items.length + " in queue · " + parts.join(" · ");
      state.items = data.items;
      state.shown = 0;
      clear($("items"));
      renderRows(ROWS);
      var next = 0;
      if (keepId !== undefined) {
        next = Math.min(Math.max(keepId, 0), data.items.length - 1);
      }
      api.ready = true;  // the queue is on screen; the first event's details follow
      if (data.items.length === 0) { showEmpty(); } else { select(next); }
    }).catch(function (e) { say(e.message, true); api.ready = true; });
  }

  // rows are drawn a page at a time, as the list scrolls or j walks past them: 10,000 open at once
  var ROWS = 200;
  var more = new IntersectionObserver(function (entries) {
    if (entries.some(function (e) { return e.isIntersecting; })) { renderRows(state.shown + ROWS); }
  }, { root: $("queue") });

  function row(it, i) {
    var li = el("li", null, "item " + it.status + (it.flagged ? " flagged" : ""));
    li.dataset.id = it.id;
    li.appendChild(el("span", it.date_start + " ", "date"));
    li.appendChild(el("strong", it.event_type + (it.sub_type ? "/" + it.sub_type : "")));
    li.appendChild(el("span", " " + (it.place || it.admin1 || ""), "where"));
    if (it.confidence !== null) { li.appendChild(el("span", " " + it.confidence.toFixed(2), "conf")); }
    li.appendChild(el("div", it.summary || "", "summary"));
    li.addEventListener("click", function () { select(i); });
    return li;
  }

  function renderRows(upto) {
    var list = $("items"), end = Math.min(upto, state.items.length);
    if (end <= state.shown) { return; }
    var old = document.getElementById("more");
    if (old) { more.unobserve(old); list.removeChild(old); }
    var frag = document.createDocumentFragment();
    for (var i = state.shown; i < end; i++) { frag.appendChild(row(state.items[i], i)); }
    state.shown = end;
    if (end < state.items.length) {
      var m = el("li", (state.items.length - end) + " more…", "more"); m.id = "more";
      frag.appendChild(m);
    }
    list.appendChild(frag);
    var sentinel = document.getElementById("more");
    if (sentinel) { more.observe(sentinel); }
  }

  function showEmpty() {
    state.index = -1; state.detail = null; api.current = null;
    $("event").hidden = true; $("empty").hidden = false;
  }

  function select(i) {
    if (i < 0 || i >= state.items.length) { return; }
    state.index = i;
    if (i >= state.shown) { renderRows(i + ROWS); }
    var was = $("items").querySelector("li.selected"), li = $("items").children[i];
    if (was) { was.classList.remove("selected"); }
    li.classList.add("selected");
    li.scrollIntoView({ block: "nearest" });
    var id = state.items[i].id;
    return request("GET", "api/event/" + encodeURIComponent(id)).then(function (d) {
      if (state.items[state.index] && state.items[state.index].id === id) { show(d); }
    }).catch(function (e) { say(e.message, true); });
  }

  // --- one event -------------------------------------------------------------
  function show(d) {
    state.detail = d;
    $("empty").hidden = true; $("event").hidden = false;
    var p = d.properties;
    $("title").textContent = p.id + ": " + p.event_type + (p.sub_type ? " / " + p.sub_type : "") +
      ", " + p.date_start + (p.date_end !== p.date_start ? " to " + p.date_end : "");
    var st = d.state;
    $("state").textContent = "Status: " + st.status + (st.reviewer ? " by " + st.reviewer : "") +
      (st.reason ? " (" + st.reason + ")" : "") + (st.flagged ? "; needs a second look" : "") +
      "; origin " + p.origin;
    var c = d.context;
    $("docname").textContent = c.document ? c.document + ", characters " + c.start + " to " + c.end +
      (c.matches ? "" : " (the text there differs from the stored quote)") : "Quote from the source";
    $("before").textContent = c.before;
    $("quote").textContent = c.quote;
    $("after").textContent = c.after;
    renderFields(d);
    renderList($("alternatives"), d.alternatives, "No alternatives.");
    clear($("place-results"));
    renderHistory(st.history);
    api.current = p.id;
    drawMap(d);
  }

  function input(name, kind, value) {
    var e;
    if (kind === "select") {
      e = document.createElement("select");
      var opts = name === "sub_type" ? (SUB_TYPES[state.detail.fields.event_type] || []) : CHOICES[name];
      var blank = el("option", ""); blank.value = ""; e.appendChild(blank);
      fillSelect(e, opts);
      if (value && opts.indexOf(value) < 0) { fillSelect(e, [value]); }
    } else if (kind === "textarea") {
      e = document.createElement("textarea"); e.rows = 3;
    } else {
      e = document.createElement("input"); e.type = kind;
      if (kind === "number") { e.step = "any"; }
    }
    e.name = name; e.id = "f-" + name;
    e.value = value === null || value === undefined ? "" : (Array.isArray(value) ? value.join("; ") : String(value));
    return e;
  }

  function renderFields(d) {
    var t = $("fields");
    clear(t);
    FIELDS.forEach(function (pair) {
      var name = pair[0], tr = document.createElement("tr");
      var th = el("th"); var lab = el("label", name); lab.htmlFor = "f-" + name; th.appendChild(lab);
      var td = el("td"); td.appendChild(input(name, pair[1], d.fields[name]));
      var orig = d.original[name], now = d.fields[name];
      if (JSON.stringify(orig) !== JSON.stringify(now)) {
        td.appendChild(el("div", "was: " + (Array.isArray(orig) ? orig.join("; ") : (orig === null ? "(empty)" : orig)), "was"));
      }
      tr.appendChild(th); tr.appendChild(td); t.appendChild(tr);
    });
    $("f-event_type").addEventListener("change", function () {
      var sub = $("f-sub_type"); clear(sub);
      var blank = el("option", ""); blank.value = ""; sub.appendChild(blank);
      fillSelect(sub, SUB_TYPES[this.value] || []);
    });
  }

  function placeLine(a) {
    return a.place + (a.admin1 ? ", " + a.admin1 : "") + (a.gazetteer_id ? " (" + a.gazetteer_id + ")" : "") +
      (a.geo_precision ? " " + a.geo_precision : "") + (a.chosen ? " [chosen]" : "");
  }

  function usePlace(a) {
    var set = function (n, v) { if (v !== undefined && v !== null) { $("f-" + n).value = v; } };
    set("place", a.place); set("gazetteer_id", a.gazetteer_id); set("admin1", a.admin1);
    set("lon", a.lon); set("lat", a.lat);
    set("geo_precision", a.geo_precision || (a.gazetteer_id ? "settlement" : null));
    if (state.marker && a.lat !== null && a.lon !== null) { state.marker.setLatLng([a.lat, a.lon]); }
    say("Place filled in; Save corrections to keep it.");
  }

  function renderList(ul, rows, none) {
    clear(ul);
    if (!rows.length) { ul.appendChild(el("li", none, "none")); return; }
    rows.forEach(function (a) {
      var li = el("li"), b = el("button", "use"); b.type = "button";
      b.addEventListener("click", function () { usePlace(a); });
      li.appendChild(el("span", placeLine(a) + " ")); li.appendChild(b); ul.appendChild(li);
    });
  }

  function renderHistory(h) {
    var ol = $("history"); clear(ol);
    h.forEach(function (r) {
      var text = r.ts + " " + r.reviewer + ": " + r.action + (r.reason ? " (" + r.reason + ")" : "");
      if (r.changes) {
        text += " " + Object.keys(r.changes).map(function (k) {
          return k + ": " + JSON.stringify(r.changes[k].before) + " → " + JSON.stringify(r.changes[k].after);
        }).join(", ");
      }
      ol.appendChild(el("li", text));
    });
  }

  function drawMap(d) {
    if (!window.L) { return; }
    if (!state.map) {
      state.map = L.map("map", { attributionControl: false, zoomSnap: 0.25 });
    }
    if (state.shape) { state.map.removeLayer(state.shape); state.shape = null; }
    if (state.marker) { state.map.removeLayer(state.marker); }
    var ll = [d.coordinates[1], d.coordinates[0]];
    if (d.oblast) {
      state.shape = L.geoJSON(d.oblast, { style: { color: "#555", weight: 1, fillOpacity: 0.08 } }).addTo(state.map);
    }
    state.marker = L.marker(ll, {
      draggable: true, keyboard: false,
      icon: L.divIcon({ className: "pin", iconSize: [18, 18], iconAnchor: [9, 9] })
    }).addTo(state.map);
    state.marker.on("dragend", function () {
      var p = state.marker.getLatLng();
      $("f-lon").value = p.lng.toFixed(6); $("f-lat").value = p.lat.toFixed(6);
      say("Point moved; Save corrections to keep it.");
    });
    if (state.shape) { state.map.fitBounds(state.shape.getBounds(), { animate: false }); }
    else { state.map.setView(ll, 8, { animate: false }); }
  }

  // --- decisions ---------------------------------------------------------------
  function decide(body, text) {
    if (!state.detail) { return; }
    body.event = state.detail.id;
    var at = state.index;
    return request("POST", "api/decision", body).then(function (r) {
      api.decisions += 1;
      say(text + ": " + r.id + " is " + r.status + (r.flagged ? " (second look)" : ""));
      return loadQueue(at);
    }).catch(function (e) { say(e.message, true); });
  }

  function changedFields() {
    var d = state.detail, changes = {};
    FIELDS.forEach(function (pair) {
      var name = pair[0], v = $("f-" + name).value, now = d.fields[name];
      var was = now === null || now === undefined ? "" : (Array.isArray(now) ? now.join("; ") : String(now));
      if (pair[1] === "number" && v !== "" && was !== "" && Number(v) === Number(was)) { return; }
      if (v !== was) { changes[name] = v; }
    });
    return changes;
  }

  function accept() { decide({ action: "accept" }, "Accepted"); }
  function reject() {
    var reason = $("reason").value, extra = $("reason-text").value.trim();
    decide({ action: "reject", reason: extra ? reason + ": " + extra : reason }, "Rejected");
  }
  function save(ev) {
    if (ev) { ev.preventDefault(); }
    var changes = changedFields();
    if (!Object.keys(changes).length) { say("Nothing changed."); return; }
    decide({ action: "correct", changes: changes }, "Corrected");
  }

  function searchPlaces() {
    var q = $("place-q").value.trim();
    if (!q) { clear($("place-results")); return; }
    request("GET", "api/places?q=" + encodeURIComponent(q)).then(function (d) {
      renderList($("place-results"), d.places, "No place found.");
    }).catch(function (e) { say(e.message, true); });
  }

  function onKey(ev) {
    var t = ev.target, tag = t && t.tagName;
    if (ev.key === "Escape" && t && t.blur) { t.blur(); return; }
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    if (ev.key === "j") { select(state.index + 1); }
    else if (ev.key === "k") { select(state.index - 1); }
    else if (ev.key === "a") { accept(); }
    else if (ev.key === "r") { $("reason").focus(); say("Choose a reason, then press Enter or Reject."); }
    else if (ev.key === "e") { var f = $("f-event_type"); if (f) { f.focus(); } }
    else { return; }
    ev.preventDefault();
  }

  function init() {
    $("filters").addEventListener("change", function () { loadQueue(); });
    $("filters").addEventListener("submit", function (e) { e.preventDefault(); });
    $("edit").addEventListener("submit", save);
    $("accept").addEventListener("click", accept);
    $("reject").addEventListener("click", reject);
    $("reason").addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); reject(); } });
    $("reason-text").addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); reject(); } });
    $("flag").addEventListener("click", function () {
      decide({ action: "flag", flag: !(state.detail && state.detail.state.flagged) }, "Marked");
    });
    $("merge").addEventListener("click", function () {
      decide({ action: "merge", into: $("merge-into").value.trim() }, "Merged");
    });
    $("place-q").addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); searchPlaces(); } });
    $("place-q").addEventListener("search", searchPlaces);
    document.addEventListener("keydown", onKey);
    loadQueue();
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
}());
