// Annotated plans zoom and pan: pinch or wheel to zoom, drag to pan (one finger once
// zoomed, so the page still scrolls past a whole plan), and the +, − and "Whole plan"
// buttons. Works on plans swapped in by htmx: every handler is delegated.
(function () {
  "use strict";
  var MIN_SCALE = 1, MAX_SCALE = 12, DRAG_PX = 6;
  var views = new WeakMap();

  function state(svg) {
    var s = views.get(svg);
    if (!s) {
      var b = svg.viewBox.baseVal;
      s = { x: b.x, y: b.y, w: b.width, h: b.height, full: [b.x, b.y, b.width, b.height],
            pointers: new Map(), moved: false, pinch: null };
      views.set(svg, s);
    }
    return s;
  }
  function apply(svg, s) {
    var f = s.full, scale = f[2] / s.w;
    s.x = Math.min(Math.max(s.x, f[0]), f[0] + f[2] - s.w);
    s.y = Math.min(Math.max(s.y, f[1]), f[1] + f[3] - s.h);
    svg.setAttribute("viewBox", [s.x, s.y, s.w, s.h].join(" "));
    svg.classList.toggle("zoomed", scale > 1.001);
  }
  // Zoom by `factor` about a point given in client pixels (the centre when omitted).
  function zoom(svg, factor, cx, cy) {
    var s = state(svg), r = svg.getBoundingClientRect(), f = s.full;
    var scale = Math.min(Math.max((f[2] / s.w) * factor, MIN_SCALE), MAX_SCALE);
    var w = f[2] / scale, h = f[3] / scale;
    var px = cx === undefined ? 0.5 : (cx - r.left) / r.width;
    var py = cy === undefined ? 0.5 : (cy - r.top) / r.height;
    s.x += (s.w - w) * px; s.y += (s.h - h) * py; s.w = w; s.h = h;
    apply(svg, s);
  }
  function pan(svg, dx, dy) {
    var s = state(svg), r = svg.getBoundingClientRect();
    s.x -= dx * s.w / r.width; s.y -= dy * s.h / r.height;
    apply(svg, s);
  }
  function planOf(target) { return target.closest && target.closest("svg.plan-svg"); }
  function spread(s) {
    var p = Array.from(s.pointers.values());
    return { d: Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) || 1,
             x: (p[0].x + p[1].x) / 2, y: (p[0].y + p[1].y) / 2 };
  }

  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-plan-zoom]");
    if (button) {
      var svg = button.closest("figure").querySelector("svg.plan-svg");
      var how = button.dataset.planZoom;
      if (how === "reset") { var s = state(svg); s.x = s.full[0]; s.y = s.full[1]; s.w = s.full[2]; s.h = s.full[3]; apply(svg, s); }
      else { zoom(svg, how === "in" ? 2 : 0.5); }
      return;
    }
    var plan = planOf(e.target);
    if (plan && state(plan).moved) { e.preventDefault(); state(plan).moved = false; }  // a drag is not a click
  }, true);
  document.addEventListener("wheel", function (e) {
    var svg = planOf(e.target);
    if (!svg || !(e.ctrlKey || state(svg).w < state(svg).full[2])) { return; }  // plain wheel scrolls a whole plan
    e.preventDefault();
    zoom(svg, e.deltaY < 0 ? 1.25 : 0.8, e.clientX, e.clientY);
  }, { passive: false });
  document.addEventListener("pointerdown", function (e) {
    var svg = planOf(e.target);
    if (!svg) { return; }
    var s = state(svg);
    s.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY, x0: e.clientX, y0: e.clientY });
    s.moved = false;
    if (s.pointers.size === 2) { s.pinch = spread(s); }
  });
  document.addEventListener("pointermove", function (e) {
    var svg = planOf(e.target) || document.querySelector("svg.plan-svg.dragging");
    if (!svg) { return; }
    var s = state(svg), p = s.pointers.get(e.pointerId);
    if (!p) { return; }
    var dx = e.clientX - p.x, dy = e.clientY - p.y;
    p.x = e.clientX; p.y = e.clientY;
    if (s.pointers.size === 2 && s.pinch) {
      var now = spread(s);
      zoom(svg, now.d / s.pinch.d, now.x, now.y);
      pan(svg, now.x - s.pinch.x, now.y - s.pinch.y);
      s.pinch = now; s.moved = true;
    } else if (s.pointers.size === 1 && s.w < s.full[2]) {
      if (!s.moved && Math.hypot(e.clientX - p.x0, e.clientY - p.y0) < DRAG_PX) { return; }
      if (!s.moved) {
        try { svg.setPointerCapture(e.pointerId); } catch (err) { /* pointer already gone */ }
        svg.classList.add("dragging");
      }
      s.moved = true;
      pan(svg, dx, dy);
    }
  });
  function release(e) {
    document.querySelectorAll("svg.plan-svg").forEach(function (svg) {
      var s = views.get(svg);
      if (!s || !s.pointers.delete(e.pointerId)) { return; }
      if (s.pointers.size < 2) { s.pinch = null; }
      if (!s.pointers.size) { svg.classList.remove("dragging"); }
    });
  }
  document.addEventListener("pointerup", release);
  document.addEventListener("pointercancel", release);
}());
