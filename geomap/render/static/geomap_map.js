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
  GM.symbolSvg = function (sym, color, dashed, hollow) {
    var c = document.createElement("canvas"); c.width = 18; c.height = 18; c.className = "gm-sym";
    var ctx = c.getContext("2d"); symbolPath(ctx, sym, 9, 9, 6);
    if (hollow) { ctx.fillStyle = "#fff"; ctx.fill(); ctx.strokeStyle = color; ctx.lineWidth = 2; ctx.stroke(); }
    else if (dashed) { ctx.setLineDash([3, 2]); ctx.strokeStyle = color; ctx.lineWidth = 2; ctx.stroke(); }
    else { ctx.fillStyle = color; ctx.fill(); ctx.strokeStyle = "#fff"; ctx.lineWidth = 1; ctx.stroke(); }
    return c;
  };

  /* Filter category of an event: time precision | geo precision << 3 | claim << 6 | origin << 9 | review << 11. */
  var CAT_SIZE = 8192;
  function codeOf(list, value) { var k = list.indexOf(value); return k < 0 ? list.length : k; }

  /* Decode the packed columns into typed arrays. */
  function decode(D) {
    var n = D.n, i, acc = 0, S = D.s, V = D.vocab;
    var o = {
      n: n, lon: new Float64Array(n), lat: new Float64Array(n), mx: new Float64Array(n), my: new Float64Array(n),
      ds: new Int32Array(n), de: new Int32Array(n), t: new Uint8Array(n), f: new Uint16Array(n),
      cat: new Uint16Array(n), am: new Int32Array(n), cm: new Int32Array(n), rev: new Uint8Array(n),
      p: D.p, q: D.q, r: D.r,
    };
    /* per detail row: claim, origin and review codes */
    var dcat = new Uint16Array(D.details.length), drev = new Uint8Array(D.details.length);
    for (i = 0; i < D.details.length; i++) {
      var row = D.details[i], rv = codeOf(V.review, S[row[7]]);
      dcat[i] = (codeOf(V.claim, S[row[4]]) << 6) | (Math.min(3, codeOf(V.origin, S[row[6]])) << 9) | (Math.min(3, rv) << 11);
      drev[i] = rv;
    }
    for (i = 0; i < n; i++) {
      var qi = D.q[i];
      o.cat[i] = (D.f[i] & 63) | dcat[qi]; o.rev[i] = drev[qi];
      o.am[i] = D.actorMask[qi]; o.cm[i] = D.claimMask[D.r[i]];
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
    var createStart = performance.now();
    var E = decode(D), S = D.s, N = E.n, types = D.types, nt = types.length;
    var UNDATED = 64, ADMIN1 = D.admin1Code, AREA = D.areaStyles; /* AREA: geo code -> ring style (hromada, admin2, admin1) */
    var typeOn = []; for (var k = 0; k < nt; k++) typeOn.push(true);
    var dated = 0, minD = Infinity, maxD = -Infinity;
    for (var i = 0; i < N; i++) if (!(E.f[i] & UNDATED)) { dated++; if (E.ds[i] < minD) minD = E.ds[i]; if (E.de[i] > maxD) maxD = E.de[i]; }
    if (!dated) { minD = 0; maxD = 0; }
    var state = { all: true, lo: minD, hi: Math.min(maxD, minD + 27), playing: false, speed: 1 };
    var counts = new Int32Array(nt), visibleTotal = 0, undatedShown = 0, lastRedrawMs = 0, drawn = [];
    var frames = 0, ui = {};
    var REVIEW_UNREVIEWED = D.vocab.review.indexOf("unreviewed");
    var paragraphOf = {}; /* event -> [before, after]: the first source's quote within its paragraph */
    (D.cx || []).forEach(function (c) { paragraphOf[c[0]] = [S[c[1]], S[c[2]]]; });

    /* ---- filters: each group is a list of values; a value is hidden when its box is unticked ---- */
    var V = D.vocab;
    var groups = [
      { key: "actor", label: "Actor", values: D.actorNames, mask: true, of: function (i) { return E.am[i]; } },
      { key: "claim", label: "Claim status", values: V.claim, shift: 6, bits: 7 },
      { key: "by", label: "Who claims", values: D.claimants, mask: true, of: function (i) { return E.cm[i]; } },
      { key: "origin", label: "Origin", values: V.origin, shift: 9, bits: 3 },
      { key: "review", label: "Review", values: V.review, shift: 11, bits: 3 },
      { key: "geo", label: "Located to", values: D.geoPrec, shift: 3, bits: 7 },
      { key: "time", label: "Dated to", values: D.timePrec, shift: 0, bits: 7 },
    ];
    var groupByKey = {}; groups.forEach(function (g) { g.hidden = {}; groupByKey[g.key] = g; });
    var catOK = new Uint8Array(CAT_SIZE), actorAllow = -1, claimAllow = -1;
    function computeFilters() {
      actorAllow = 0; claimAllow = 0;
      groupByKey.actor.values.forEach(function (v, b) { if (!groupByKey.actor.hidden[v]) actorAllow |= (1 << b); });
      groupByKey.by.values.forEach(function (v, b) { if (!groupByKey.by.hidden[v]) claimAllow |= (1 << b); });
      for (var c = 0; c < CAT_SIZE; c++) {
        var ok = 1;
        for (var gi = 0; gi < groups.length && ok; gi++) {
          var g = groups[gi]; if (g.mask) continue;
          var code = (c >> g.shift) & g.bits;
          if (code < g.values.length && g.hidden[g.values[code]]) ok = 0;
        }
        catOK[c] = ok;
      }
    }
    function passes(i) { return typeOn[E.t[i]] && catOK[E.cat[i]] && (E.am[i] & actorAllow) && (E.cm[i] & claimAllow); }
    computeFilters();

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
        if (!typeOn[t] || !catOK[E.cat[i]] || !(E.am[i] & actorAllow) || !(E.cm[i] & claimAllow) || !timeVisible(i)) continue;
        counts[t]++; visibleTotal++;
        if (E.f[i] & UNDATED) undatedShown++;
        var gcode = (E.f[i] >> 3) & 7;
        if (AREA[gcode]) { /* known only to an area: a ring at the area's point, never a pin on the town there */
          var gk = D.x[i] + "," + D.y[i] + "," + t + "," + gcode, g = groups[gk];
          if (!g) { g = groups[gk] = { t: t, i: i, m: [], gc: gcode }; glist.push(g); }
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
      /* area-level events (oblast, district, hromada): a dashed ring per type around the area's point */
      for (c = 0; c < glist.length; c++) {
        var g = glist[c], ast = AREA[g.gc]; i = g.i; t = g.t;
        var ang = -Math.PI / 2 + 2 * Math.PI * t / nt, rr = ast.offset;
        var cx = E.mx[i] * scale - offx + rr * Math.cos(ang), cy = E.my[i] * scale - offy + rr * Math.sin(ang);
        var imprecise = true; for (var j2 = 0; j2 < g.m.length; j2++) if ((E.f[g.m[j2]] & 7) < 2) imprecise = false;
        ctx.globalAlpha = 1; ctx.beginPath(); ctx.arc(cx, cy, ast.radius, 0, 2 * Math.PI);
        ctx.fillStyle = "rgba(255,255,255,0.75)"; ctx.fill();
        ctx.setLineDash(ast.dash); ctx.lineWidth = 2.5; ctx.strokeStyle = types[t].color; ctx.stroke(); ctx.setLineDash([]);
        ctx.globalAlpha = imprecise ? D.impreciseOpacity + 0.2 : 1;
        var allUnreviewed = true; for (j2 = 0; j2 < g.m.length; j2++) if (E.rev[g.m[j2]] !== REVIEW_UNREVIEWED) allUnreviewed = false;
        symbolPath(ctx, types[t].symbol, cx, cy, 5);
        if (allUnreviewed) { ctx.lineWidth = 1.8; ctx.strokeStyle = types[t].color; ctx.stroke(); }
        else { ctx.fillStyle = types[t].color; ctx.fill(); }
        ctx.globalAlpha = 1;
        if (g.m.length > 1) {
          ctx.font = "bold 10px sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
          ctx.fillStyle = "#111"; ctx.fillText(String(g.m.length), cx + 12, cy - 12);
        }
        drawn.push({ x: cx, y: cy, r: ast.radius + 2, m: g.m, kind: g.gc === ADMIN1 ? "admin1" : "area", code: S[D.places[E.p[i]][4]] });
      }
      lastRedrawMs = performance.now() - t0; frames++;
      updateStatus();
      return lastRedrawMs;
    }
    function drawEvent(i, x, y) {
      var t = E.t[i], tp = E.f[i] & 7, s = types[t];
      ctx.globalAlpha = (tp >= 2 || (E.f[i] & UNDATED)) ? D.impreciseOpacity : D.preciseOpacity;
      symbolPath(ctx, s.symbol, x, y, 7);
      if (E.rev[i] === REVIEW_UNREVIEWED) { /* not yet checked by a person: hollow, outlined in the type's colour */
        ctx.globalAlpha = 1; ctx.fillStyle = "rgba(255,255,255,0.8)"; ctx.fill(); ctx.lineWidth = 2.2; ctx.strokeStyle = s.color; ctx.stroke();
      } else {
        ctx.fillStyle = s.color; ctx.fill(); ctx.globalAlpha = 1; ctx.lineWidth = 1.2; ctx.strokeStyle = "#fff"; ctx.stroke();
      }
      if (((E.f[i] >> 3) & 7) > 0) { /* near a settlement: a dotted halo says "about here" */
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
    function eventId(i) {
      if (!D.ids) return D.idList[i];
      var b = atob(D.ids.substr(8 * i, 8).replace(/-/g, "+").replace(/_/g, "/")), h = "gm-";
      for (var k = 0; k < b.length; k++) h += (b.charCodeAt(k) + 256).toString(16).slice(1);
      return h;
    }
    function subLabel(code) { return D.subLabels[code] || code.replace(/_/g, " "); }
    function eventBox(i) {
      var pl = D.places[E.p[i]], dt = D.details[E.q[i]], srcList = D.srcLists[E.r[i]];
      var s = function (k) { return S[k < 5 ? pl[k] : k < 13 ? dt[k - 5] : 0]; };
      var t = types[E.t[i]], f = E.f[i], box = el("div", "gm-event");
      var h = el("div", "gm-title"); h.appendChild(GM.symbolSvg(t.symbol, t.color, !!AREA[(f >> 3) & 7]));
      h.appendChild(el("span", null, t.label + (s(5) ? " \u2014 " + subLabel(s(5)) : ""))); box.appendChild(h);
      var tbl = el("table"); box.appendChild(tbl);
      var tp = D.timePrec[f & 7];
      if (f & UNDATED) row(tbl, "When", "undated (not on the timeline)");
      else row(tbl, "When", (E.ds[i] === E.de[i] ? fmtDay(E.ds[i]) : fmtDay(E.ds[i]) + " to " + fmtDay(E.de[i])) + " (to the " + tp + ")");
      var place = s(0) ? s(0) + (s(2) ? " [" + s(2) + "]" : "") : "";
      row(tbl, "Place", place);
      row(tbl, "Source wrote", s(1) ? "\u201c" + s(1) + "\u201d" : "");
      row(tbl, "Oblast", s(3) ? s(3) + (s(4) ? " (" + s(4) + ")" : "") : "");
      var gp = D.geoPrec[(f >> 3) & 7];
      var AREA_TEXT = { admin1: "only to the oblast (drawn at its representative point)", admin2: "only to the district (drawn at its centre, not the event's place)", hromada: "only to the hromada (drawn at its centre, not the event's place)" };
      row(tbl, "Located", AREA_TEXT[gp] || gp.replace(/_/g, " "));
      row(tbl, "Actors", s(6)); row(tbl, "Weapons", s(7)); row(tbl, "Fatalities", s(8));
      var claimedBy = [];
      srcList.forEach(function (si) { var cb = S[D.srcs[si][3]]; if (cb && claimedBy.indexOf(cb) < 0) claimedBy.push(cb); });
      row(tbl, "Claim", s(9) + (claimedBy.length ? " by " + claimedBy.join(", ") : ""));
      row(tbl, "Review", s(12) === "unreviewed" ? "not yet reviewed by a person" : s(12));
      if (s(10)) box.appendChild(el("p", "gm-summary", s(10)));
      var ol = el("ol", "gm-sources");
      srcList.forEach(function (si, n) {
        var src = D.srcs[si], li = el("li"), url = S[src[0]], outlet = S[src[1]] || "source";
        var safe = GM.safeUrl(url);
        if (safe) { var a = el("a", null, outlet); a.href = safe; a.target = "_blank"; a.rel = "noopener noreferrer"; li.appendChild(a); }
        else { li.appendChild(el("span", null, outlet)); if (url) li.appendChild(el("span", "gm-url", " [not a web link: " + url + "]")); }
        if (S[src[2]]) li.appendChild(el("span", "gm-pub", ", " + S[src[2]]));
        li.appendChild(el("span", "gm-claim", S[src[3]] ? "; claimed by " + S[src[3]] : "; reports it"));
        if (S[src[4]]) {
          var btn = el("button", "gm-show-src", "show source"); btn.type = "button";
          var q = el("blockquote", "gm-quote"), para = n === 0 ? paragraphOf[i] : null; q.hidden = true;
          if (para) { /* the quote within its paragraph, highlighted; all of it text nodes */
            q.classList.add("gm-in-paragraph"); q.appendChild(document.createTextNode(para[0]));
            q.appendChild(el("mark", null, S[src[4]])); q.appendChild(document.createTextNode(para[1]));
          } else q.textContent = S[src[4]];
          if (safe) { var orig = el("a", "gm-orig", "open the original"); orig.href = safe; orig.target = "_blank"; orig.rel = "noopener noreferrer"; q.appendChild(el("br")); q.appendChild(orig); }
          btn.addEventListener("click", function () { q.hidden = !q.hidden; btn.textContent = q.hidden ? "show source" : "hide source"; });
          li.appendChild(document.createTextNode(" ")); li.appendChild(btn); li.appendChild(q);
        }
        ol.appendChild(li);
      });
      if (ol.childNodes.length) { box.appendChild(el("div", "gm-h", ol.childNodes.length > 1 ? ol.childNodes.length + " sources" : "Source")); box.appendChild(ol); }
      box.appendChild(el("div", "gm-id", eventId(i) + (s(11) ? " \u00b7 " + s(11) : "")));
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
      openPopup(map.containerPointToLatLng([d.x, d.y]), popupFor(d));
    });
    /* Popups pan clear of every control: the padding is the room the controls take on each side. */
    function cornerBox(name) {
      var c = map._controlCorners[name], w = 0, h = 0;
      if (!c) return { w: 0, h: 0 };
      for (var k = 0; k < c.children.length; k++) {
        var r = c.children[k].getBoundingClientRect(); if (r.width > w) w = r.width; h += r.height + 10;
      }
      return { w: w ? w + 10 : 0, h: h };
    }
    function popupPadding() {
      var tl = cornerBox("topleft"), tr = cornerBox("topright"), bl = cornerBox("bottomleft"), br = cornerBox("bottomright");
      return { tl: L.point(tl.w + 8, 8), br: L.point(tr.w + 8, Math.max(bl.h, br.h) + 8) };
    }
    function openPopup(latlng, content) {
      var pad = popupPadding(), size = map.getSize();
      var room = size.x - pad.tl.x - pad.br.x - 30;
      return L.popup({ maxWidth: Math.max(200, Math.min(360, room)), minWidth: Math.min(240, Math.max(160, room)),
                       maxHeight: Math.max(120, Math.min(360, size.y - pad.tl.y - pad.br.y - 60)),
                       className: "gm-leaflet-popup", autoPanPaddingTopLeft: pad.tl, autoPanPaddingBottomRight: pad.br })
        .setLatLng(latlng).setContent(content).openOn(map);
    }
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

    /* ---- place names from the gazetteer: towns at low zoom, villages as you zoom in ---- */
    var PN = D.placeNames, npn = PN.name.length, pnLat = new Float64Array(npn), pnLon = new Float64Array(npn);
    for (i = 0; i < npn; i++) { pnLat[i] = PN.y[i] / D.scale; pnLon[i] = PN.x[i] / D.scale; }
    var placePane = map.createPane("geomapPlaces"); placePane.style.zIndex = 430;
    var placeShown = [];
    function populationFloor(z) { return z < 7 ? 100000 : z < 8 ? 20000 : z < 9 ? 5000 : z < 10 ? 1500 : z < 11 ? 500 : 0; }
    var PlaceNames = L.Layer.extend({
      onAdd: function () { this._box = el("div", "gm-places"); placePane.appendChild(this._box); map.on("moveend zoomend", this._draw, this); this._draw(); },
      onRemove: function () { map.off("moveend zoomend", this._draw, this); placePane.removeChild(this._box); this._box = null; placeShown = []; },
      _draw: function () {
        var box = this._box; if (!box) return;
        box.textContent = "";
        var size = map.getSize(), floor = populationFloor(map.getZoom()), taken = [], shown = [];
        for (var k = 0; k < npn && shown.length < 250; k++) {
          if (PN.pop[k] < floor) break;
          var cp = map.latLngToContainerPoint([pnLat[k], pnLon[k]]);
          if (cp.x < -40 || cp.y < -20 || cp.x > size.x + 40 || cp.y > size.y + 20) continue;
          var big = PN.pop[k] >= 50000, w = PN.name[k].length * (big ? 7.5 : 6.2) + 10, hgt = big ? 16 : 14;
          var r = [cp.x - 4, cp.y - hgt / 2, cp.x + w, cp.y + hgt / 2], clash = false;
          for (var j = 0; j < taken.length && !clash; j++) { var o = taken[j]; clash = !(r[2] < o[0] || r[0] > o[2] || r[3] < o[1] || r[1] > o[3]); }
          if (clash) continue;
          taken.push(r); shown.push(k);
          var lp = map.latLngToLayerPoint([pnLat[k], pnLon[k]]);
          var lab = el("div", "gm-place" + (big ? " gm-town" : ""), PN.name[k]);
          lab.title = PN.local[k] ? PN.name[k] + " \u2014 " + PN.local[k] : PN.name[k];
          lab.setAttribute("data-local", PN.local[k]);
          L.DomUtil.setPosition(lab, lp); box.appendChild(lab);
        }
        placeShown = shown;
      },
    });
    var placeNames = new PlaceNames().addTo(map);

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
    overlays['<span class="gm-type" data-overlay="places">Place names</span>'] = placeNames;
    overlays['<span class="gm-type">Oblast boundaries</span>'] = boundaries;
    overlays['<span class="gm-type">Russia\u2013Ukraine border</span>'] = border;
    var layerControl = L.control.layers(null, overlays, { collapsed: false, position: "topright" }).addTo(map);
    layerControl.getContainer().classList.add("gm-layers");

    /* ---- legend ---- */
    var Legend = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        var d = el("div", "gm-legend leaflet-bar");
        Object.keys(AREA).sort(function (a, b) { return b - a; }).forEach(function (code) {
          var r1 = el("div", "gm-area-key"); r1.setAttribute("data-precision", D.geoPrec[code]);
          r1.appendChild(GM.symbolSvg("circle", "#555", true)); r1.appendChild(el("span", null, " " + AREA[code].label)); d.appendChild(r1);
        });
        var r2 = el("div"); var sw = GM.symbolSvg("circle", "#555"); sw.style.opacity = D.impreciseOpacity; r2.appendChild(sw); r2.appendChild(el("span", null, " lighter: date known only to the month or coarser")); d.appendChild(r2);
        var r3 = el("div"); r3.appendChild(GM.symbolSvg("circle", "#555", false, true)); r3.appendChild(el("span", null, " hollow: not yet reviewed by a person")); d.appendChild(r3);
        d.appendChild(el("div", null, "numbered circle: several events, click to zoom"));
        d.appendChild(el("div", "gm-border-key", "dashed black line: Russia\u2013Ukraine border"));
        L.DomEvent.disableClickPropagation(d);
        return d;
      },
    });
    new Legend().addTo(map);

    /* ---- filters ---- */
    var optionCounts = {};
    groups.forEach(function (g) {
      var c = optionCounts[g.key] = new Int32Array(g.values.length);
      for (i = 0; i < N; i++) {
        if (g.mask) { var m = g.of(i); for (var b = 0; b < g.values.length; b++) if (m & (1 << b)) c[b]++; }
        else { var code = (E.cat[i] >> g.shift) & g.bits; if (code < c.length) c[code]++; }
      }
    });
    var Filters = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var det = el("details", "gm-filters leaflet-bar"), sum = el("summary", null, "Filters");
        ui.filterNote = el("span", "gm-filter-note"); sum.appendChild(ui.filterNote); det.appendChild(sum);
        ui.filterBoxes = {};
        groups.forEach(function (g) {
          var used = g.values.filter(function (v, k) { return optionCounts[g.key][k] > 0; });
          if (!used.length) return;
          var fs = el("fieldset", "gm-fgroup"); fs.setAttribute("data-group", g.key); fs.appendChild(el("legend", null, g.label));
          g.values.forEach(function (v, k) {
            if (!optionCounts[g.key][k]) return;
            var lab = el("label"), cb = el("input"); cb.type = "checkbox"; cb.checked = !g.hidden[v];
            cb.setAttribute("data-group", g.key); cb.setAttribute("data-value", v);
            cb.addEventListener("change", function () { api.setFilter(g.key, v, cb.checked); });
            lab.appendChild(cb); lab.appendChild(document.createTextNode(" " + v.replace(/_/g, " ") + " (" + optionCounts[g.key][k] + ")"));
            fs.appendChild(lab); ui.filterBoxes[g.key + "\u0000" + v] = cb;
          });
          det.appendChild(fs);
        });
        L.DomEvent.disableClickPropagation(det); L.DomEvent.disableScrollPropagation(det);
        det.addEventListener("toggle", fitFilters); map.on("resize", fitFilters); ui.filters = det;
        return det;
      },
    });
    function fitFilters() { /* the open panel scrolls rather than slide under the timeline */
      var det = ui.filters, tl = map._controlCorners.bottomleft; if (!det || !tl) return;
      var bottom = tl.firstChild ? tl.firstChild.getBoundingClientRect().top : map.getContainer().getBoundingClientRect().bottom;
      det.style.maxHeight = Math.max(80, bottom - det.getBoundingClientRect().top - 12) + "px";
    }
    new Filters().addTo(map);

    /* ---- place search: any spelling, normalised as geomap.names does ---- */
    var NT = D.norm, ukOnly = NT.ukOnly, apos = new RegExp("[" + NT.apos.replace(/[\]\\^-]/g, "\\$&") + "]", "g");
    function translitWord(w) {
      var uk = false; for (var k = 0; k < w.length; k++) if (ukOnly.indexOf(w[k]) >= 0) { uk = true; break; }
      var out = "", tbl = uk ? NT.uk : NT.ru, prev = "";
      for (k = 0; k < w.length; k++) {
        var ch = w[k];
        if (!uk && ch === "\u0435" && (k === 0 || "\u0430\u0435\u0451\u0438\u043e\u0443\u044b\u044d\u044e\u044f\u044c\u044a\u0439".indexOf(prev) >= 0)) out += "ye";
        else out += (tbl[ch] !== undefined ? tbl[ch] : ch);
        prev = ch;
      }
      return out;
    }
    GM.normalise = function (text) {
      var t = String(text || "").normalize("NFKC").toLowerCase().replace(apos, "");
      t = t.replace(/[\u0400-\u04ff]+/g, translitWord);
      t = t.replace(/[^\x00-\x7f]/g, function (c) { return NT.latin[c] !== undefined ? NT.latin[c] : c; });
      t = t.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      t = t.replace(/[^a-z0-9]+/g, " ").trim().replace(/[jy]/g, "i").replace(/i{2,}/g, "i");
      return t;
    };
    var keyIndex = null;
    function buildKeyIndex() {
      keyIndex = {}; var rows = PN.keys.split("\n");
      rows.forEach(function (r, k) { r.split("|").forEach(function (key) { if (key) (keyIndex[key] = keyIndex[key] || []).push(k); }); });
    }
    function oneEdit(a, b) { /* true when b is a with one letter changed, added or removed */
      var la = a.length, lb = b.length; if (Math.abs(la - lb) > 1) return false;
      var i2 = 0; while (i2 < la && i2 < lb && a[i2] === b[i2]) i2++;
      if (la === lb) return a.slice(i2 + 1) === b.slice(i2 + 1);
      return la < lb ? a.slice(i2) === b.slice(i2 + 1) : a.slice(i2 + 1) === b.slice(i2);
    }
    function searchPlaces(q) {
      if (!keyIndex) buildKeyIndex();
      var key = GM.normalise(q), found = [], seen = {};
      function add(list) { (list || []).forEach(function (k) { if (!seen[k]) { seen[k] = 1; found.push(k); } }); }
      if (!key) return [];
      add(keyIndex[key]);
      /* one letter off (Sudja for Sudzha, a case ending): any key one edit away */
      if (!found.length && key.length >= 4) for (var k1 in keyIndex) if (oneEdit(key, k1)) add(keyIndex[k1]);
      /* case forms (Суджі, Sudzhu, Юнаківці): match the stem against the start of a name */
      for (var cut = 1; !found.length && cut <= 3 && key.length - cut >= 3; cut++) {
        var stem = key.slice(0, key.length - cut);
        for (var kk in keyIndex) if (kk.lastIndexOf(stem, 0) === 0 && kk.length - stem.length <= 3) add(keyIndex[kk]);
      }
      found.sort(function (a, b) { return PN.pop[b] - PN.pop[a] || a - b; });
      return found.slice(0, 8);
    }
    function distKm(lat1, lon1, lat2, lon2) {
      var R = 6371, p1 = lat1 * Math.PI / 180, p2 = lat2 * Math.PI / 180, dp = p2 - p1, dl = (lon2 - lon1) * Math.PI / 180;
      var a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
      return 2 * R * Math.asin(Math.sqrt(a));
    }
    var searchCircle = null;
    function eventsNear(lat, lon, km) {
      var out = [];
      for (var k = 0; k < N; k++) {
        if (!passes(k) || !timeVisible(k)) continue;
        var dd = distKm(lat, lon, E.lat[k], E.lon[k]); if (dd <= km) out.push([dd, k]);
      }
      out.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      return out;
    }
    function goToPlace(k, km) {
      km = km || +(ui.radius ? ui.radius.value : 10);
      var ll = [pnLat[k], pnLon[k]];
      map.setView(ll, Math.max(map.getZoom(), km > 25 ? 9 : 10), { animate: false });
      if (searchCircle) map.removeLayer(searchCircle);
      searchCircle = L.circle(ll, { radius: km * 1000, color: "#1f4e99", weight: 1.5, fill: false, dashArray: "4 4", interactive: false }).addTo(map);
      var near = eventsNear(ll[0], ll[1], km);
      if (ui.results) {
        ui.results.textContent = "";
        ui.results.appendChild(el("div", "gm-res-head", near.length + " event" + (near.length === 1 ? "" : "s") + " within " + km + " km of " + PN.name[k] + " (shown on the map now)"));
        var ol = el("ol", "gm-near");
        near.slice(0, 50).forEach(function (x) {
          var j = x[1], li = el("li"), a = el("button", "gm-near-item", (E.f[j] & UNDATED ? "undated" : fmtDay(E.ds[j])) + " \u00b7 " + types[E.t[j]].label + " \u00b7 " + (S[D.places[E.p[j]][0]] || S[D.places[E.p[j]][3]]) + " \u00b7 " + x[0].toFixed(1) + " km");
          a.type = "button"; a.setAttribute("data-event", j); a.addEventListener("click", function () { openPopup([E.lat[j], E.lon[j]], popupFor({ m: [j] })); });
          li.appendChild(a); ol.appendChild(li);
        });
        ui.results.appendChild(ol);
      }
      return near.map(function (x) { return x[1]; });
    }
    var Search = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var box = el("div", "gm-search leaflet-bar");
        ui.search = el("input"); ui.search.type = "search"; ui.search.placeholder = "Find a place (any spelling)"; ui.search.setAttribute("aria-label", "Find a place");
        ui.radius = el("select", "gm-radius"); ui.radius.title = "Distance";
        [5, 10, 25, 50].forEach(function (v) { var o = el("option", null, v + " km"); o.value = v; if (v === 10) o.selected = true; ui.radius.appendChild(o); });
        ui.cands = el("div", "gm-cands"); ui.results = el("div", "gm-results");
        var rowEl = el("div", "gm-search-row"); rowEl.appendChild(ui.search); rowEl.appendChild(ui.radius); box.appendChild(rowEl);
        box.appendChild(ui.cands); box.appendChild(ui.results);
        function showCands() {
          ui.cands.textContent = "";
          var c = searchPlaces(ui.search.value);
          if (!c.length && ui.search.value.trim()) ui.cands.appendChild(el("div", "gm-none", "no place of that name in the mapped oblasts"));
          c.forEach(function (k) {
            var b = el("button", "gm-cand", PN.name[k] + (PN.local[k] ? " (" + PN.local[k] + ")" : "") + ", " + PN.admin1[k]); b.type = "button";
            b.addEventListener("click", function () { ui.cands.textContent = ""; goToPlace(k); }); ui.cands.appendChild(b);
          });
          return c;
        }
        ui.search.addEventListener("input", showCands);
        ui.search.addEventListener("keydown", function (e) { if (e.key === "Enter") { var c = showCands(); if (c.length) { ui.cands.textContent = ""; goToPlace(c[0]); } } });
        ui.radius.addEventListener("change", function () { if (ui.lastPlace !== undefined) goToPlace(ui.lastPlace); });
        L.DomEvent.disableClickPropagation(box); L.DomEvent.disableScrollPropagation(box);
        return box;
      },
    });
    new Search().addTo(map);
    map._controlCorners.topleft.appendChild(ui.filters); /* the search box first: it stays put when the filters open */
    var goTo = goToPlace; goToPlace = function (k, km) { ui.lastPlace = k; return goTo(k, km); };

    /* ---- the timeline control ---- */
    var WEEK = 7, w0 = minD - ((minD + 3) % 7 + 7) % 7; /* weeks start on Monday (day 0 was a Thursday) */
    var nweeks = Math.max(1, Math.ceil((maxD - w0 + 1) / WEEK));
    var hist = []; for (k = 0; k < nt; k++) hist.push(new Float64Array(nweeks));
    function buildHist() { /* events per week and type, of the events the filters keep */
      for (var t = 0; t < nt; t++) hist[t].fill(0);
      for (var j = 0; j < N; j++) {
        if ((E.f[j] & UNDATED) || !catOK[E.cat[j]] || !(E.am[j] & actorAllow) || !(E.cm[j] & claimAllow)) continue;
        var a = Math.floor((E.ds[j] - w0) / WEEK), b2 = Math.floor((E.de[j] - w0) / WEEK), wgt = 1 / (b2 - a + 1);
        for (var wk = a; wk <= b2; wk++) hist[E.t[j]][wk] += wgt;
      }
    }
    buildHist();
    var HW = 480, speeds = [0.5, 1, 2, 4];
    function dayAtX(clientX) { var r = ui.hist.getBoundingClientRect(); return Math.max(minD, Math.min(maxD, Math.round(w0 + (clientX - r.left) / r.width * nweeks * WEEK))); }
    var Timeline = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var box = el("div", "gm-timeline leaflet-bar");
        var top = el("div", "gm-tl-top");
        ui.play = el("button", "gm-play", "\u25b6"); ui.play.type = "button"; ui.play.title = "Play through time";
        ui.speed = el("select", "gm-speed"); ui.speed.title = "Play speed";
        speeds.forEach(function (v) { var o = el("option", null, v + "\u00d7"); o.value = v; if (v === 1) o.selected = true; ui.speed.appendChild(o); });
        ui.allLabel = el("label", "gm-all"); ui.all = el("input"); ui.all.type = "checkbox"; ui.all.checked = true;
        ui.allLabel.appendChild(ui.all); ui.allLabel.appendChild(document.createTextNode(" All dates"));
        ui.label = el("span", "gm-window"); ui.count = el("span", "gm-count");
        top.appendChild(ui.play); top.appendChild(ui.speed); top.appendChild(ui.allLabel); top.appendChild(ui.label); box.appendChild(top);
        ui.hist = el("canvas", "gm-hist"); ui.hist.width = HW; ui.hist.height = 56; ui.hist.title = "Drag to select a time window"; box.appendChild(ui.hist);
        ui.axis = el("canvas", "gm-axis"); ui.axis.width = HW; ui.axis.height = 16; box.appendChild(ui.axis);
        function slider(cls, v) { var s = el("input", cls); s.type = "range"; s.min = minD; s.max = maxD; s.step = 1; s.value = v; box.appendChild(s); return s; }
        ui.from = slider("gm-from", minD); ui.to = slider("gm-to", maxD);
        ui.from.title = "Window start"; ui.to.title = "Window end";
        box.appendChild(ui.count);
        if (!dated) { ui.play.disabled = ui.from.disabled = ui.to.disabled = ui.all.disabled = true; }
        L.DomEvent.disableClickPropagation(box); L.DomEvent.disableScrollPropagation(box);
        ui.from.addEventListener("input", function () { api.setWindow(+ui.from.value, Math.max(+ui.from.value, +ui.to.value)); });
        ui.to.addEventListener("input", function () { api.setWindow(Math.min(+ui.from.value, +ui.to.value), +ui.to.value); });
        ui.all.addEventListener("change", function () { api.showAll(ui.all.checked); });
        ui.play.addEventListener("click", function () { if (state.playing) api.stop(); else api.play(); });
        ui.speed.addEventListener("change", function () { state.speed = +ui.speed.value; });
        /* brushing: press, drag and release on the histogram selects that window; a click selects a week */
        var brush = null;
        ui.hist.addEventListener("pointerdown", function (e) {
          if (!dated) return;
          brush = { d0: dayAtX(e.clientX), moved: false };
          if (ui.hist.setPointerCapture) ui.hist.setPointerCapture(e.pointerId);
          e.preventDefault();
        });
        ui.hist.addEventListener("pointermove", function (e) {
          if (!brush) return;
          var d1 = dayAtX(e.clientX); if (d1 === brush.d0 && !brush.moved) return;
          brush.moved = true; api.setWindow(Math.min(brush.d0, d1), Math.max(brush.d0, d1));
        });
        ui.hist.addEventListener("pointerup", function (e) {
          if (!brush) return;
          var d1 = dayAtX(e.clientX), b = brush; brush = null;
          if (b.moved || d1 !== b.d0) { api.setWindow(Math.min(b.d0, d1), Math.max(b.d0, d1)); return; }
          var wkStart = w0 + Math.floor((d1 - w0) / WEEK) * WEEK, width = state.hi - state.lo;
          api.setWindow(wkStart, wkStart + (state.all ? 6 : width));
        });
        return box;
      },
    });
    new Timeline().addTo(map);

    var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    function drawAxis() {
      var c = ui.axis.getContext("2d"), W = ui.axis.width, H = ui.axis.height, span = nweeks * WEEK;
      c.clearRect(0, 0, W, H); if (!dated) return;
      var d0 = new Date(w0 * DAY), y = d0.getUTCFullYear(), m = d0.getUTCMonth() + 1, ticks = [];
      for (;;) { if (m > 11) { m = 0; y++; } var day = Date.UTC(y, m, 1) / DAY; if (day > w0 + span) break; ticks.push([day, y, m]); m++; }
      var every = ticks.length > 36 ? 6 : ticks.length > 18 ? 3 : ticks.length > 9 ? 2 : 1;
      c.font = "10px sans-serif"; c.textBaseline = "top"; c.fillStyle = "#333"; c.strokeStyle = "#888";
      ticks.forEach(function (tk, k) {
        var x = Math.round((tk[0] - w0) / span * W) + 0.5;
        c.beginPath(); c.moveTo(x, 0); c.lineTo(x, tk[2] === 0 ? 6 : 3); c.stroke();
        if (tk[2] % every === 0 || (k === 0 && every === 1)) c.fillText(tk[2] === 0 ? String(tk[1]) : MONTHS[tk[2]], x + 2, 3);
      });
      ui.axisTicks = ticks.length;
    }

    function drawHist() {
      var c = ui.hist.getContext("2d"), W = ui.hist.width, H = ui.hist.height, bw = W / nweeks, mx = 0, wk, t;
      for (wk = 0; wk < nweeks; wk++) { var sum = 0; for (t = 0; t < nt; t++) if (typeOn[t]) sum += hist[t][wk]; if (sum > mx) mx = sum; }
      c.clearRect(0, 0, W, H);
      if (!state.all && dated) {
        var x0 = (state.lo - w0) / (nweeks * WEEK) * W, x1 = (state.hi + 1 - w0) / (nweeks * WEEK) * W;
        c.fillStyle = "rgba(255,204,0,0.35)"; c.fillRect(x0, 0, Math.max(2, x1 - x0), H);
      }
      ui.histMax = mx;
      if (!mx) return;
      for (wk = 0; wk < nweeks; wk++) {
        var y = H;
        for (t = 0; t < nt; t++) if (typeOn[t] && hist[t][wk]) {
          var h = hist[t][wk] / mx * (H - 4); c.fillStyle = types[t].color; c.fillRect(wk * bw, y - h, Math.max(1, bw - (bw > 3 ? 1 : 0)), h); y -= h;
        }
      }
    }
    function histTotal() { var s2 = 0; for (var t = 0; t < nt; t++) if (typeOn[t]) for (var wk = 0; wk < nweeks; wk++) s2 += hist[t][wk]; return Math.round(s2); }
    function updateStatus() {
      if (!ui.count) return;
      ui.label.textContent = !dated ? "no dated events" : state.all ? fmtDay(minD) + " to " + fmtDay(maxD) + " (all dates)" : fmtDay(state.lo) + " to " + fmtDay(state.hi);
      var undated = N - dated, hidden = 0;
      groups.forEach(function (g) { for (var v in g.hidden) if (g.hidden[v]) hidden++; });
      ui.count.textContent = visibleTotal + " of " + N + " events shown" + (hidden ? " (filtered)" : "") +
        (undated ? "; " + undated + " undated (shown only with All dates, marked ?)" : "");
      if (ui.filterNote) ui.filterNote.textContent = hidden ? " (" + hidden + " hidden)" : "";
      var spans = layerControl.getContainer().querySelectorAll(".gm-n");
      for (var k = 0; k < spans.length; k++) {
        var ti = D.typeIndex[spans[k].getAttribute("data-type")];
        spans[k].textContent = "(" + counts[ti] + ")";
      }
      scheduleHash();
    }
    function scheduleAll() { if (!ui.hist) return; drawHist(); redraw(); }

    /* ---- the view in the page's URL: #from=..&to=..&map=z/lat/lon&hide-<group>=value,... ---- */
    var hashTimer = null, applyingHash = false;
    function viewHash() {
      var parts = [];
      if (!state.all && dated) parts.push("from=" + fmtDay(state.lo), "to=" + fmtDay(state.hi));
      var off = types.filter(function (s2, k) { return !typeOn[k]; }).map(function (s2) { return s2.key; });
      if (off.length) parts.push("hide-type=" + off.map(encodeURIComponent).join(","));
      groups.forEach(function (g) {
        var h = g.values.filter(function (v) { return g.hidden[v]; });
        if (h.length) parts.push("hide-" + g.key + "=" + h.map(encodeURIComponent).join(","));
      });
      if (!map.hasLayer(placeNames)) parts.push("places=off");
      var c = map.getCenter();
      parts.push("map=" + map.getZoom() + "/" + c.lat.toFixed(4) + "/" + c.lng.toFixed(4));
      return "#" + parts.join("&");
    }
    function writeHash() {
      hashTimer = null; if (applyingHash || state.playing) return;
      var h = viewHash();
      if (location.hash !== h) { try { history.replaceState(null, "", h); } catch (e) { /* file: pages in some browsers */ } }
    }
    function scheduleHash() { if (!hashTimer) hashTimer = setTimeout(writeHash, 150); }
    function applyHash(hash) {
      var params = {};
      String(hash || "").replace(/^#/, "").split("&").forEach(function (kv) {
        var k = kv.indexOf("="); if (k > 0) params[kv.slice(0, k)] = kv.slice(k + 1);
      });
      function dec(v) { try { return decodeURIComponent(v); } catch (e) { return v; } } /* a mangled link is not an error */
      function list(name) { return params[name] ? params[name].split(",").map(dec) : []; }
      applyingHash = true;
      try {
        var offTypes = list("hide-type");
        types.forEach(function (s2, k) { var on = offTypes.indexOf(s2.key) < 0; if (on !== typeOn[k]) api.setType(s2.key, on); });
        groups.forEach(function (g) {
          var h = list("hide-" + g.key); g.hidden = {};
          h.forEach(function (v) { g.hidden[v] = true; });
          g.values.forEach(function (v) { var cb = ui.filterBoxes && ui.filterBoxes[g.key + "\u0000" + v]; if (cb) cb.checked = !g.hidden[v]; });
        });
        computeFilters(); buildHist();
        if (params.places === "off") map.removeLayer(placeNames); else if (!map.hasLayer(placeNames)) placeNames.addTo(map);
        if (params.from && params.to && dated) api.setWindowDates(params.from, params.to); else api.showAll(true);
        if (params.map) {
          var mv = params.map.split("/").map(Number);
          if (mv.length === 3 && mv.every(isFinite)) map.setView([mv[1], mv[2]], mv[0], { animate: false });
        }
      } finally { applyingHash = false; }
      drawHist(); redraw();
    }

    var api = {
      map: map, data: D, events: E,
      counts: function () { var o = {}; types.forEach(function (s, k) { o[s.key] = counts[k]; }); return o; },
      visible: function () { return visibleTotal; },
      histTotal: histTotal,
      drawn: function () { return drawn.map(function (d) { return { x: d.x, y: d.y, kind: d.kind, n: d.m.length, first: d.m[0] }; }); },
      setWindow: function (lo, hi) {
        state.all = false; state.lo = Math.max(minD, Math.min(lo, maxD)); state.hi = Math.max(state.lo, Math.min(hi, maxD));
        ui.all.checked = false; ui.from.value = state.lo; ui.to.value = state.hi;
        drawHist(); return redraw();
      },
      setWindowDates: function (a, b) { return api.setWindow(Date.parse(a) / DAY, Date.parse(b) / DAY); },
      showAll: function (on) {
        state.all = on !== false; ui.all.checked = state.all;
        if (state.all) { api.stop(); ui.from.value = minD; ui.to.value = maxD; }
        else { ui.from.value = state.lo; ui.to.value = state.hi; }
        drawHist(); return redraw();
      },
      setFilter: function (group, value, on) {
        var g = groupByKey[group]; if (!g) throw new Error("no filter group " + group);
        if (on) delete g.hidden[value]; else g.hidden[value] = true;
        var cb = ui.filterBoxes && ui.filterBoxes[group + "\u0000" + value]; if (cb) cb.checked = !!on;
        computeFilters(); buildHist(); drawHist(); return redraw();
      },
      filterGroups: function () { return groups.map(function (g) { return { key: g.key, values: g.values.slice(), hidden: Object.keys(g.hidden) }; }); },
      redraw: redraw, lastRedrawMs: function () { return lastRedrawMs; }, frames: function () { return frames; },
      play: function () {
        if (!dated) return;
        var width = state.all ? Math.max(6, Math.round((maxD - minD) / 12)) : state.hi - state.lo;
        if (state.all || state.hi >= maxD) api.setWindow(minD, minD + width);
        state.playing = true; ui.play.textContent = "\u275a\u275a";
        var last = performance.now(), pos = state.lo;
        function step(now) {
          if (!state.playing) return;
          pos += Math.max(7, (maxD - minD) / 20) * (state.speed || 1) * (now - last) / 1000; last = now;
          var lo = Math.round(pos);
          if (lo + width >= maxD) { api.setWindow(maxD - width, maxD); api.stop(); return; }
          if (lo !== state.lo) api.setWindow(lo, lo + width);
          requestAnimationFrame(step);
        }
        requestAnimationFrame(step);
      },
      stop: function () { state.playing = false; if (ui.play) ui.play.textContent = "\u25b6"; scheduleHash(); },
      setSpeed: function (v) { state.speed = +v; if (ui.speed) ui.speed.value = String(v); },
      setType: function (key, on) { var k = D.typeIndex[key]; if (on) toggles[k].addTo(map); else map.removeLayer(toggles[k]); },
      searchPlaces: function (q) { return searchPlaces(q).map(function (k) { return { index: k, name: PN.name[k], local: PN.local[k], admin1: PN.admin1[k] }; }); },
      goToPlace: function (k, km) { return goToPlace(k, km); },
      placeLabels: function () { return placeShown.map(function (k) { return PN.name[k]; }); },
      viewHash: viewHash, applyHash: applyHash, openPopup: openPopup, popupPadding: popupPadding,
      state: state,
    };
    map.on("moveend overlayadd overlayremove", scheduleHash);
    window.addEventListener("hashchange", function () { if (location.hash !== viewHash()) applyHash(location.hash); });

    /* ---- attribution: only what is drawn (a tile layer is credited once a tile of it has loaded) ---- */
    if (map.attributionControl) {
      map.eachLayer(function (l) {
        if (!(l instanceof L.TileLayer) || !l.getAttribution || !l.getAttribution()) return;
        var a = l.getAttribution(); map.attributionControl.removeAttribution(a);
        l.options.attribution = null;
        l.once("tileload", function () { l.options.attribution = a; map.attributionControl.addAttribution(a); });
      });
      if (D.attribution) map.attributionControl.addAttribution(D.attribution);
    }
    if (D.title) {
      var Title = L.Control.extend({ options: { position: "topleft" }, onAdd: function () { return el("div", "gm-title-box leaflet-bar", D.title); } });
      new Title().addTo(map);
      var tc = map._controlCorners.topleft; tc.insertBefore(tc.lastChild, tc.firstChild);
    }
    drawAxis();
    if (location.hash.length > 1) applyHash(location.hash); else { drawHist(); redraw(); }
    api.ready = performance.now();
    api.createMs = api.ready - createStart;
    window.geomap = api;
    return api;
  };
})();
