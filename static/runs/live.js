// Live run page: server-sent events append text as the model writes and swap
// whole steps when they change. Without EventSource, htmx polls the fragment.
(function () {
  "use strict";
  var live = document.getElementById("run-live");
  if (!live || !live.dataset.eventsUrl || !window.EventSource) { return; }
  // Runs before htmx initialises (both deferred, htmx acts on DOMContentLoaded).
  live.removeAttribute("hx-trigger");
  live.removeAttribute("hx-get");

  function fragment(html) {
    var t = document.createElement("template");
    t.innerHTML = html.trim();
    return t.content.firstElementChild;
  }
  function keepOpen(oldNode, newNode) {
    var a = oldNode.querySelectorAll("details"), b = newNode.querySelectorAll("details");
    for (var i = 0; i < a.length && i < b.length; i++) {
      if (a[i].open) { b[i].open = true; }
    }
  }
  var source = new EventSource(live.dataset.eventsUrl);
  source.addEventListener("step", function (e) {
    var d = JSON.parse(e.data), node = fragment(d.html);
    var old = document.getElementById("step-" + d.ordinal);
    if (old) { keepOpen(old, node); old.replaceWith(node); }
    else { document.getElementById("run-steps").appendChild(node); }
  });
  source.addEventListener("text", function (e) {
    var d = JSON.parse(e.data), step = document.getElementById("step-" + d.ordinal);
    var box = step && step.querySelector(".live-text");
    if (box) { box.appendChild(document.createTextNode(d.append)); }
  });
  source.addEventListener("run", function (e) {
    var d = JSON.parse(e.data), old = document.getElementById("run-header");
    if (old) { old.replaceWith(fragment(d.html)); }
  });
  source.addEventListener("done", function () { source.close(); });
})();
