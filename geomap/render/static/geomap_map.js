/* geomap's event layer and timeline for Leaflet: events packed in columns, drawn on one
 * canvas, clustered on a screen grid, filtered by a date window with typed arrays.
 * Popups are built on click as DOM text nodes (never innerHTML from source text). */
(function () {
  "use strict";
  var DAY = 86400000;
  var GM = (window.GeomapMap = {});

  function fmtDay(d) { return new Date(d * DAY).toISOString().slice(0, 10); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  GM.safeUrl = function (u) {
    if (!u) return null;
    try { var p = new URL(u); } catch (e) { return null; }
    return (p.protocol === "http:" || p.protocol === "https:") ? p.href : null;
  };

  function symbolPath(ctx, sym, x, y, r) {
    ctx.beginPath();
    if (sym === "square") { ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7); }
    else if (sym === "diamond") { ctx.moveTo(x, y - r * 1.15); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r * 1.15); ctx.lineTo(x - r, y); ctx.closePath(); }
    else if (sym === "triangle") { ctx.moveTo(x, y - r * 1.15); ctx.lineTo(x + r * 1.05, y + r * 0.8); ctx.lineTo(x - r * 1.05, y + r * 0.8); ctx.closePath(); }
    else if (sym === "cross") { var a = r * 0.4; ctx.moveTo(x - a, y - r); ctx.lineTo(x + a, y - r); ctx.lineTo(x + a, y - a); ctx.lineTo(x + r, y - a); ctx.lineTo(x + r, y + a); ctx.lineTo(x + a, y + a); ctx.lineTo(x + a, y + r); ctx.lineTo(x - a, y + r); ctx.lineTo(x - a, y + a); ctx.lineTo(x - r, y + a); ctx.lineTo(x - r, y - a); ctx.lineTo(x - a, y - a); ctx.closePath(); }
    else { ctx.arc(x, y, r, 0, 2 * Math.PI); }
  }
  GM.symbolSvg = function (sym, color, dashed) {
    var c = document.createElement("canvas"); c.width = 18; c.height = 18; c.className = "gm-sym";
    var ctx = c.getContext("2d"); symbolPath(ctx, sym, 9, 9, 6);
    if (dashed) { ctx.setLineDash([3, 2]); ctx.strokeStyle = color; ctx.lineWidth = 2; ctx.stroke(); }
    else { ctx.fillStyle = color; ctx.fill(); ctx.strokeStyle = "#fff"; ctx.lineWidth = 1; ctx.stroke(); }
    return c;
  };

  /* Decode the packed columns into typed arrays. */
  function decode(D) {
    var n = D.n, i, acc = 0;
    var o = {
      n: n, lon: new Float64Array(n), lat: new Float64Array(n), mx: new Float64Array(n), my: new Float64Array(n),
      ds: new Int32Array(n), de: new Int32Array(n), t: new Uint8Array(n), f: new Uint16Array(n),
      p: D.p, q: D.q, r: D.r,
    };
    for (i = 0; i < n; i++) {
      var lon = D.x[i] / D.scale, lat = D.y[i] / D.scale;
      o.lon[i] = lon; o.lat[i] = lat;
      o.mx[i] = (lon + 180) / 360;
      var s = Math.sin(lat * Math.PI / 180);
      o.my[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
      acc += D.d[i]; o.ds[i] = acc; o.de[i] = acc + D.w[i];
      o.t[i] = D.t[i]; o.f[i] = D.f[i];
    }
    return o;
  }

  GM.create = function (map, D, opts) {
    opts = opts || {};
    var E = decode(D), S = D.s, N = E.n, types = D.types, nt = types.length;
    var UNDATED = 64, ADMIN1 = D.admin1Code;
    var typeOn = []; for (var k = 0; k < nt; k++) typeOn.push(true);
    var dated = 0, minD = Infinity, maxD = -Infinity;
    for (var i = 0; i < N; i++) if (!(E.f[i] & UNDATED)) { dated++; if (E.ds[i] < minD) minD = E.ds[i]; if (E.de[i] > maxD) maxD = E.de[i]; }
    if (!dated) { minD = 0; maxD = 0; }
    var state = { all: true, lo: minD, hi: Math.min(maxD, minD + 27), playing: false };
    var counts = new Int32Array(nt), visibleTotal = 0, undatedShown = 0, lastRedrawMs = 0, drawn = [];
    var frames = 0, ui = {};

    /* ---- boundaries and the Russia–Ukraine border ---- */
    var bstyle = D.boundaryStyle, outlines = {};
    var boundaries = L.geoJSON(D.boundaries, {
      interactive: false,
      style: function (f) {
        var s = f.properties.role === "focus" ? bstyle.focus : bstyle.neighbour;
        return { color: s.color, weight: s.weight, fill: f.properties.role === "focus", fillColor: s.color, fillOpacity: 0.03, opacity: s.opacity };
      },
      onEachFeature: function (f, layer) { outlines[f.properties.admin1_code] = layer; },
    }).addTo(map);
    var border = L.geoJSON(D.border, { interactive: false, style: { color: bstyle.border.color, weight: bstyle.border.weight, dashArray: bstyle.border.dash, opacity: 0.9 } }).addTo(map);
    D.boundaries.features.forEach(function (f) {
      var p = f.properties;
      L.marker([p.rep_lat, p.rep_lon], {
        interactive: false, keyboard: false,
        icon: L.divIcon({ className: "gm-oblast-label gm-" + p.role, html: "", iconSize: [120, 16], iconAnchor: [60, -40] }),
      }).addTo(map).getElement().textContent = p.admin1;
    });
    var highlighted = null;
    function highlight(code) {
      if (highlighted === code) return;
      if (highlighted && outlines[highlighted]) boundaries.resetStyle(outlines[highlighted]);
      highlighted = code;
      if (code && outlines[code]) { outlines[code].setStyle({ color: "#ffcc00", weight: 5, opacity: 1, fill: true, fillOpacity: 0.12, fillColor: "#ffcc00" }); }
    }

    /* ---- the canvas layer ---- */
    var pane = map.createPane("geomapEvents"); pane.style.zIndex = 450; pane.style.pointerEvents = "none";
    var canvas = el("canvas", "gm-canvas leaflet-zoom-animated"), drawCenter = null, drawZoom = 0; pane.appendChild(canvas);
    var ctx = canvas.getContext("2d");
    var CELL = 44, cellIdx = null, maxClusterZoom = 13;

    function timeVisible(i) {
      if (E.f[i] & UNDATED) return state.all;
      return state.all || (E.ds[i] <= state.hi && E.de[i] >= state.lo);
    }
    function redraw() {
      var t0 = performance.now();
      var size = map.getSize(), dpr = window.devicePixelRatio || 1;
      if (canvas.width !== size.x * dpr || canvas.height !== size.y * dpr) {
        canvas.width = size.x * dpr; canvas.height = size.y * dpr;
        canvas.style.width = size.x + "px"; canvas.style.height = size.y + "px";
      }
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      L.DomUtil.setPosition(canvas, topLeft); drawCenter = map.getCenter(); drawZoom = map.getZoom();
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0); ctx.clearRect(0, 0, size.x, size.y);
      var scale = 256 * Math.pow(2, map.getZoom()), origin = map.getPixelOrigin();
      var offx = origin.x + topLeft.x, offy = origin.y + topLeft.y;
      var cols = Math.ceil(size.x / CELL) + 2, rows = Math.ceil(size.y / CELL) + 2, ncell = cols * rows;
      if (!cellIdx || cellIdx.length < ncell) cellIdx = new Int32Array(ncell);
      cellIdx.fill(-1, 0, ncell);
      var cl = [], groups = {}, glist = [], c, i, t, px, py;
      var noCluster = map.getZoom() > maxClusterZoom;
      counts.fill(0); visibleTotal = 0; undatedShown = 0;
      for (i = 0; i < N; i++) {
        t = E.t[i];
        if (!typeOn[t] || !timeVisible(i)) continue;
        counts[t]++; visibleTotal++;
        if (E.f[i] & UNDATED) undatedShown++;
        if (((E.f[i] >> 3) & 7) === ADMIN1) {
          var gk = D.x[i] + "," + D.y[i] + "," + t, g = groups[gk];
          if (!g) { g = groups[gk] = { t: t, i: i, m: [] }; glist.push(g); }
          g.m.push(i); continue;
        }
        px = E.mx[i] * scale - offx; py = E.my[i] * scale - offy;
        if (px < -CELL || py < -CELL || px > size.x + CELL || py > size.y + CELL) continue;
        var key = (Math.floor(py / CELL) + 1) * cols + Math.floor(px / CELL) + 1;
        if (noCluster) { cl.push({ n: 1, x: px, y: py, m: [i], tc: null }); continue; }
        c = cellIdx[key];
        if (c < 0) { cellIdx[key] = cl.length; cl.push({ n: 1, x: px, y: py, m: [i], tc: null }); }
        else { var q = cl[c]; q.n++; q.x += px; q.y += py; q.m.push(i); }
      }
      drawn = [];
      /* single events and clusters */
      for (c = 0; c < cl.length; c++) {
        var q = cl[c];
        if (q.n === 1) {
          i = q.m[0]; t = E.t[i];
          drawEvent(i, q.x, q.y);
          drawn.push({ x: q.x, y: q.y, r: 9, m: q.m, kind: "event" });
        } else {
          var x = q.x / q.n, y = q.y / q.n, r = 11 + Math.min(14, 3 * Math.log(q.n));
          var tc = new Int32Array(nt); for (var j = 0; j < q.m.length; j++) tc[E.t[q.m[j]]]++;
          var a0 = -Math.PI / 2;
          for (t = 0; t < nt; t++) if (tc[t]) {
            var a1 = a0 + 2 * Math.PI * tc[t] / q.n;
            ctx.beginPath(); ctx.moveTo(x, y); ctx.arc(x, y, r, a0, a1); ctx.closePath();
            ctx.fillStyle = types[t].color; ctx.globalAlpha = 0.85; ctx.fill(); a0 = a1;
          }
          ctx.globalAlpha = 1; ctx.beginPath(); ctx.arc(x, y, r * 0.62, 0, 2 * Math.PI); ctx.fillStyle = "#fff"; ctx.fill();
          ctx.fillStyle = "#111"; ctx.font = "bold 11px sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
          ctx.fillText(q.n > 9999 ? Math.round(q.n / 1000) + "k" : String(q.n), x, y);
          drawn.push({ x: x, y: y, r: r, m: q.m, kind: "cluster" });
        }
      }
      /* oblast-level events: a dashed ring per type around the oblast's representative point */
      for (c = 0; c < glist.length; c++) {
        var g = glist[c]; i = g.i; t = g.t;
        var ang = -Math.PI / 2 + 2 * Math.PI * t / nt, rr = 27;
        var cx = E.mx[i] * scale - offx + rr * Math.cos(ang), cy = E.my[i] * scale - offy + rr * Math.sin(ang);
        var imprecise = true; for (var j2 = 0; j2 < g.m.length; j2++) if ((E.f[g.m[j2]] & 7) < 2) imprecise = false;
        ctx.globalAlpha = 1; ctx.beginPath(); ctx.arc(cx, cy, D.admin1Style.radius, 0, 2 * Math.PI);
        ctx.fillStyle = "rgba(255,255,255,0.75)"; ctx.fill();
        ctx.setLineDash(D.admin1Style.dash); ctx.lineWidth = 2.5; ctx.strokeStyle = types[t].color; ctx.stroke(); ctx.setLineDash([]);
        ctx.globalAlpha = imprecise ? D.impreciseOpacity + 0.2 : 1;
        symbolPath(ctx, types[t].symbol, cx, cy, 5); ctx.fillStyle = types[t].color; ctx.fill();
        ctx.globalAlpha = 1;
        if (g.m.length > 1) {
          ctx.font = "bold 10px sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
          ctx.fillStyle = "#111"; ctx.fillText(String(g.m.length), cx + 12, cy - 12);
        }
        drawn.push({ x: cx, y: cy, r: D.admin1Style.radius + 2, m: g.m, kind: "admin1", code: S[D.places[E.p[i]][4]] });
      }
      lastRedrawMs = performance.now() - t0; frames++;
      updateStatus();
      return lastRedrawMs;
    }
    function drawEvent(i, x, y) {
      var t = E.t[i], tp = E.f[i] & 7, s = types[t];
      ctx.globalAlpha = (tp >= 2 || (E.f[i] & UNDATED)) ? D.impreciseOpacity : D.preciseOpacity;
      symbolPath(ctx, s.symbol, x, y, 7); ctx.fillStyle = s.color; ctx.fill();
      ctx.globalAlpha = 1; ctx.lineWidth = 1.2; ctx.strokeStyle = "#fff"; ctx.stroke();
      if (((E.f[i] >> 3) & 7) > 0) { /* near a settlement / admin2: a dotted halo says "about here" */
        ctx.beginPath(); ctx.arc(x, y, 12, 0, 2 * Math.PI); ctx.setLineDash([2, 3]); ctx.strokeStyle = s.color; ctx.stroke(); ctx.setLineDash([]);
      }
      if (E.f[i] & UNDATED) { ctx.fillStyle = "#000"; ctx.font = "bold 10px sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle"; ctx.fillText("?", x, y + 1); }
    }
    function hit(cp) {
      for (var k = drawn.length - 1; k >= 0; k--) {
        var d = drawn[k], dx = d.x - cp.x, dy = d.y - cp.y;
        if (dx * dx + dy * dy <= d.r * d.r) return d;
      }
      return null;
    }

    /* ---- popups, built as text nodes ---- */
    function row(tbl, label, value) {
      if (value === "" || value === null || value === undefined) return;
      var tr = el("tr"); tr.appendChild(el("th", null, label));
      var td = el("td"); if (value instanceof Node) td.appendChild(value); else td.textContent = value;
      tr.appendChild(td); tbl.appendChild(tr);
    }
    function eventBox(i) {
      var pl = D.places[E.p[i]], dt = D.details[E.q[i]], srcList = D.srcLists[E.r[i]];
      var s = function (k) { return S[k < 5 ? pl[k] : k < 12 ? dt[k - 5] : 0]; };
      var t = types[E.t[i]], f = E.f[i], box = el("div", "gm-event");
      var h = el("div", "gm-title"); h.appendChild(GM.symbolSvg(t.symbol, t.color, ((f >> 3) & 7) === ADMIN1));
      h.appendChild(el("span", null, t.label + (s(5) ? " \u2014 " + s(5).replace(/_/g, " ") : ""))); box.appendChild(h);
      var tbl = el("table"); box.appendChild(tbl);
      var tp = D.timePrec[f & 7];
      if (f & UNDATED) row(tbl, "When", "undated (not on the timeline)");
      else row(tbl, "When", (E.ds[i] === E.de[i] ? fmtDay(E.ds[i]) : fmtDay(E.ds[i]) + " to " + fmtDay(E.de[i])) + " (to the " + tp + ")");
      var place = s(0) ? s(0) + (s(2) ? " [" + s(2) + "]" : "") : "";
      row(tbl, "Place", place);
      row(tbl, "Source wrote", s(1) ? "\u201c" + s(1) + "\u201d" : "");
      row(tbl, "Oblast", s(3) ? s(3) + (s(4) ? " (" + s(4) + ")" : "") : "");
      var gp = D.geoPrec[(f >> 3) & 7];
      row(tbl, "Located", ((f >> 3) & 7) === ADMIN1 ? "only to the oblast (drawn at its representative point)" : gp.replace(/_/g, " "));
      row(tbl, "Actors", s(6)); row(tbl, "Weapons", s(7)); row(tbl, "Fatalities", s(8));
      var claimedBy = [];
      srcList.forEach(function (si) { var cb = S[D.srcs[si][3]]; if (cb && claimedBy.indexOf(cb) < 0) claimedBy.push(cb); });
      row(tbl, "Claim", s(9) + (claimedBy.length ? " by " + claimedBy.join(", ") : ""));
      if (s(10)) box.appendChild(el("p", "gm-summary", s(10)));
      var ol = el("ol", "gm-sources");
      srcList.forEach(function (si) {
        var src = D.srcs[si], li = el("li"), url = S[src[0]], outlet = S[src[1]] || "source";
        var safe = GM.safeUrl(url);
        if (safe) { var a = el("a", null, outlet); a.href = safe; a.target = "_blank"; a.rel = "noopener noreferrer"; li.appendChild(a); }
        else { li.appendChild(el("span", null, outlet)); if (url) li.appendChild(el("span", "gm-url", " [not a web link: " + url + "]")); }
        if (S[src[2]]) li.appendChild(el("span", "gm-pub", ", " + S[src[2]]));
        if (S[src[3]]) li.appendChild(el("span", "gm-claim", "; claimed by " + S[src[3]]));
        if (S[src[4]]) li.appendChild(el("q", "gm-quote", S[src[4]]));
        ol.appendChild(li);
      });
      if (ol.childNodes.length) { box.appendChild(el("div", "gm-h", "Sources")); box.appendChild(ol); }
      box.appendChild(el("div", "gm-id", (D.ids ? "gm-" + D.ids.substr(12 * i, 12) : D.idList[i]) + (s(11) ? " \u00b7 " + s(11) : "")));
      return box;
    }
    function popupFor(d) {
      var wrap = el("div", "gm-popup"), LIMIT = 25;
      if (d.m.length > 1) wrap.appendChild(el("div", "gm-count-head", d.m.length + " events here"));
      for (var k = 0; k < Math.min(LIMIT, d.m.length); k++) wrap.appendChild(eventBox(d.m[k]));
      if (d.m.length > LIMIT) wrap.appendChild(el("div", "gm-more", "and " + (d.m.length - LIMIT) + " more: zoom in or narrow the time window"));
      return wrap;
    }
    function hitAll(cp) { /* every drawn item under the pointer, merged (same-place events at high zoom) */
      var found = [];
      for (var k = drawn.length - 1; k >= 0; k--) {
        var d = drawn[k], dx = d.x - cp.x, dy = d.y - cp.y;
        if (dx * dx + dy * dy <= d.r * d.r) found.push(d);
      }
      if (found.length <= 1) return found[0] || null;
      for (k = 0; k < found.length; k++) if (found[k].kind === "cluster") return found[k];
      var m = []; found.forEach(function (d) { m = m.concat(d.m); });
      return { x: found[0].x, y: found[0].y, r: found[0].r, m: m, kind: found[0].kind, code: found[0].code };
    }
    map.on("click", function (e) {
      var d = hitAll(e.containerPoint);
      if (!d) return;
      if (d.kind === "cluster" && map.getZoom() <= maxClusterZoom) {
        var b = L.latLngBounds([]);
        d.m.forEach(function (i) { b.extend([E.lat[i], E.lon[i]]); });
        if (!b.getNorthEast().equals(b.getSouthWest())) { /* same-place events: zooming would not split them */
          map.fitBounds(b.pad(0.2), { maxZoom: maxClusterZoom + 1 });
          return;
        }
      }
      if (d.kind === "admin1") highlight(d.code);
      L.popup({ maxWidth: 360, maxHeight: 360, className: "gm-leaflet-popup" })
        .setLatLng(map.containerPointToLatLng([d.x, d.y])).setContent(popupFor(d)).openOn(map);
    });
    map.on("popupclose", function () { highlight(null); });
    map.on("mousemove", function (e) {
      var d = hit(e.containerPoint);
      map.getContainer().style.cursor = d ? "pointer" : "";
      if (!map._popup || !map._popup.isOpen()) highlight(d && d.kind === "admin1" ? d.code : null);
    });
    map.on("zoomanim", function (ev) { /* scale the last frame during zoom animation, as L.Renderer does */
      var sc = map.getZoomScale(ev.zoom, drawZoom), half = map.getSize().multiplyBy(0.5);
      var off = half.multiplyBy(-sc).add(map.project(drawCenter, ev.zoom)).subtract(map._getNewPixelOrigin(ev.center, ev.zoom));
      L.DomUtil.setTransform(canvas, off, sc);
    });
    map.on("moveend resize viewreset zoomend", redraw);
    map.on("move", redraw);

    /* ---- one overlay per event type in the layer control ---- */
    var overlays = {}, toggles = [];
    var Toggle = L.Layer.extend({
      initialize: function (k) { this.k = k; },
      onAdd: function () { typeOn[this.k] = true; scheduleAll(); },
      onRemove: function () { typeOn[this.k] = false; scheduleAll(); },
    });
    types.forEach(function (s, k) {
      var lbl = '<span class="gm-type" data-type="' + s.key + '"><span class="gm-swatch" style="color:' + s.color + '">' + s.glyph +
        '</span> ' + s.label + ' <span class="gm-n" data-type="' + s.key + '"></span></span>';
      var layer = new Toggle(k); toggles.push(layer); overlays[lbl] = layer; layer.addTo(map);
    });
    overlays['<span class="gm-type">Oblast boundaries</span>'] = boundaries;
    overlays['<span class="gm-type">Russia\u2013Ukraine border</span>'] = border;
    var layerControl = L.control.layers(null, overlays, { collapsed: false, position: "topright" }).addTo(map);
    layerControl.getContainer().classList.add("gm-layers");

    /* ---- legend ---- */
    var Legend = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        var d = el("div", "gm-legend leaflet-bar");
        var r1 = el("div"); r1.appendChild(GM.symbolSvg("circle", "#555", true)); r1.appendChild(el("span", null, " " + D.admin1Style.label)); d.appendChild(r1);
        var r2 = el("div"); var sw = GM.symbolSvg("circle", "#555"); sw.style.opacity = D.impreciseOpacity; r2.appendChild(sw); r2.appendChild(el("span", null, " lighter: date known only to the month or coarser")); d.appendChild(r2);
        d.appendChild(el("div", null, "numbered circle: several events, click to zoom"));
        d.appendChild(el("div", "gm-border-key", "dashed black line: Russia\u2013Ukraine border"));
        L.DomEvent.disableClickPropagation(d);
        return d;
      },
    });
    new Legend().addTo(map);

    /* ---- the timeline control ---- */
    var WEEK = 7, w0 = minD - ((minD + 3) % 7 + 7) % 7; /* weeks start on Monday (day 0 was a Thursday) */
    var nweeks = Math.max(1, Math.ceil((maxD - w0 + 1) / WEEK));
    var hist = []; for (k = 0; k < nt; k++) hist.push(new Float64Array(nweeks));
    for (i = 0; i < N; i++) {
      if (E.f[i] & UNDATED) continue;
      var a = Math.floor((E.ds[i] - w0) / WEEK), b2 = Math.floor((E.de[i] - w0) / WEEK), wgt = 1 / (b2 - a + 1);
      for (var wk = a; wk <= b2; wk++) hist[E.t[i]][wk] += wgt;
    }
    var Timeline = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var box = el("div", "gm-timeline leaflet-bar");
        var top = el("div", "gm-tl-top");
        ui.play = el("button", "gm-play", "\u25b6"); ui.play.type = "button"; ui.play.title = "Play through time";
        ui.allLabel = el("label", "gm-all"); ui.all = el("input"); ui.all.type = "checkbox"; ui.all.checked = true;
        ui.allLabel.appendChild(ui.all); ui.allLabel.appendChild(document.createTextNode(" All dates"));
        ui.label = el("span", "gm-window"); ui.count = el("span", "gm-count");
        top.appendChild(ui.play); top.appendChild(ui.allLabel); top.appendChild(ui.label); box.appendChild(top);
        ui.hist = el("canvas", "gm-hist"); ui.hist.width = 480; ui.hist.height = 56; box.appendChild(ui.hist);
        function slider(cls, v) { var s = el("input", cls); s.type = "range"; s.min = minD; s.max = maxD; s.step = 1; s.value = v; box.appendChild(s); return s; }
        ui.from = slider("gm-from", state.lo); ui.to = slider("gm-to", state.hi);
        ui.from.title = "Window start"; ui.to.title = "Window end";
        box.appendChild(ui.count);
        if (!dated) { ui.play.disabled = ui.from.disabled = ui.to.disabled = ui.all.disabled = true; }
        L.DomEvent.disableClickPropagation(box); L.DomEvent.disableScrollPropagation(box);
        ui.from.addEventListener("input", function () { api.setWindow(+ui.from.value, Math.max(+ui.from.value, +ui.to.value)); });
        ui.to.addEventListener("input", function () { api.setWindow(Math.min(+ui.from.value, +ui.to.value), +ui.to.value); });
        ui.all.addEventListener("change", function () { api.showAll(ui.all.checked); });
        ui.play.addEventListener("click", function () { if (state.playing) api.stop(); else api.play(); });
        ui.hist.addEventListener("click", function (e) {
          var r = ui.hist.getBoundingClientRect(), d = w0 + Math.floor((e.clientX - r.left) / r.width * nweeks) * WEEK;
          var width = state.hi - state.lo; api.setWindow(d, d + (state.all ? 6 : width));
        });
        return box;
      },
    });
    new Timeline().addTo(map);

    function drawHist() {
      var c = ui.hist.getContext("2d"), W = ui.hist.width, H = ui.hist.height, bw = W / nweeks, mx = 0, wk, t;
      for (wk = 0; wk < nweeks; wk++) { var sum = 0; for (t = 0; t < nt; t++) if (typeOn[t]) sum += hist[t][wk]; if (sum > mx) mx = sum; }
      c.clearRect(0, 0, W, H);
      if (!state.all && dated) {
        var x0 = (state.lo - w0) / (nweeks * WEEK) * W, x1 = (state.hi + 1 - w0) / (nweeks * WEEK) * W;
        c.fillStyle = "rgba(255,204,0,0.35)"; c.fillRect(x0, 0, Math.max(2, x1 - x0), H);
      }
      if (!mx) return;
      for (wk = 0; wk < nweeks; wk++) {
        var y = H;
        for (t = 0; t < nt; t++) if (typeOn[t] && hist[t][wk]) {
          var h = hist[t][wk] / mx * (H - 4); c.fillStyle = types[t].color; c.fillRect(wk * bw, y - h, Math.max(1, bw - (bw > 3 ? 1 : 0)), h); y -= h;
        }
      }
    }
    function updateStatus() {
      if (!ui.count) return;
      ui.label.textContent = !dated ? "no dated events" : state.all ? fmtDay(minD) + " to " + fmtDay(maxD) + " (all dates)" : fmtDay(state.lo) + " to " + fmtDay(state.hi);
      var undated = N - dated;
      ui.count.textContent = visibleTotal + " of " + N + " events shown" +
        (undated ? "; " + undated + " undated (shown only with All dates, marked ?)" : "");
      var spans = layerControl.getContainer().querySelectorAll(".gm-n");
      for (var k = 0; k < spans.length; k++) {
        var ti = D.typeIndex[spans[k].getAttribute("data-type")];
        spans[k].textContent = "(" + counts[ti] + ")";
      }
    }
    function scheduleAll() { if (!ui.hist) return; drawHist(); redraw(); }

    var api = {
      map: map, data: D, events: E,
      counts: function () { var o = {}; types.forEach(function (s, k) { o[s.key] = counts[k]; }); return o; },
      visible: function () { return visibleTotal; },
      drawn: function () { return drawn.map(function (d) { return { x: d.x, y: d.y, kind: d.kind, n: d.m.length, first: d.m[0] }; }); },
      setWindow: function (lo, hi) {
        state.all = false; state.lo = Math.max(minD, Math.min(lo, maxD)); state.hi = Math.max(state.lo, Math.min(hi, maxD));
        ui.all.checked = false; ui.from.value = state.lo; ui.to.value = state.hi;
        drawHist(); return redraw();
      },
      setWindowDates: function (a, b) { return api.setWindow(Date.parse(a) / DAY, Date.parse(b) / DAY); },
      showAll: function (on) { state.all = on !== false; ui.all.checked = state.all; if (state.all) api.stop(); drawHist(); return redraw(); },
      redraw: redraw, lastRedrawMs: function () { return lastRedrawMs; }, frames: function () { return frames; },
      play: function () {
        if (!dated) return;
        var width = state.all ? Math.max(6, Math.round((maxD - minD) / 12)) : state.hi - state.lo;
        if (state.all || state.hi >= maxD) api.setWindow(minD, minD + width);
        state.playing = true; ui.play.textContent = "\u275a\u275a";
        var speed = Math.max(7, (maxD - minD) / 20), last = performance.now(), pos = state.lo;
        function step(now) {
          if (!state.playing) return;
          pos += speed * (now - last) / 1000; last = now;
          var lo = Math.round(pos);
          if (lo + width >= maxD) { api.setWindow(maxD - width, maxD); api.stop(); return; }
          if (lo !== state.lo) api.setWindow(lo, lo + width);
          requestAnimationFrame(step);
        }
        requestAnimationFrame(step);
      },
      stop: function () { state.playing = false; if (ui.play) ui.play.textContent = "\u25b6"; },
      setType: function (key, on) { var k = D.typeIndex[key]; if (on) toggles[k].addTo(map); else map.removeLayer(toggles[k]); },
      state: state,
    };
    if (map.attributionControl && D.attribution) map.attributionControl.addAttribution(D.attribution);
    if (D.title) {
      var Title = L.Control.extend({ options: { position: "topleft" }, onAdd: function () { return el("div", "gm-title-box leaflet-bar", D.title); } });
      new Title().addTo(map);
    }
    drawHist(); redraw();
    api.ready = performance.now();
    window.geomap = api;
    return api;
  };
})();
