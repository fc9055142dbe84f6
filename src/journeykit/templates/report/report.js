// The emotion curve shown: the chosen persona's (or everyone's), along the main path or
// along the way to the end chosen under "Path".
var curve = (function () {
  "use strict";
  var state = { persona: "", path: "" };
  var paths = Array.prototype.slice.call(document.querySelectorAll("[data-filter-path]"));
  state.show = function () {
    var key = (state.persona || "*") + (state.path ? ">" + state.path : "");
    document.querySelectorAll("[data-curve]").forEach(function (el) {
      el.classList.toggle("is-hidden", el.getAttribute("data-curve") !== key);
    });
    paths.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-filter-path") === state.path));
    });
  };
  paths.forEach(function (b) {
    b.addEventListener("click", function () {
      state.path = b.getAttribute("data-filter-path");
      state.show();
    });
  });
  return state;
})();

// Persona filter: shows only what applies to the chosen persona; remembered in the URL.
(function () {
  "use strict";
  var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-filter-persona]"));
  if (!buttons.length) { return; }
  var status = document.getElementById("filter-status");
  var data = document.getElementById("tp-personas");
  var flowMap = data ? JSON.parse(data.textContent) : {};

  function apply(persona) {
    var shown = 0;
    document.querySelectorAll("[data-personas]").forEach(function (el) {
      var match = !persona || el.getAttribute("data-personas").split(" ").indexOf(persona) >= 0;
      el.classList.toggle("is-hidden", !match);
      if (match && el.classList.contains("tp")) { shown += 1; }
    });
    Object.keys(flowMap).forEach(function (id) {
      var node = document.getElementById("tp-" + id);
      if (node) {
        node.classList.toggle("is-dimmed", !!persona && flowMap[id].indexOf(persona) < 0);
      }
    });
    curve.persona = persona;
    curve.show();
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-filter-persona") === persona));
    });
    if (status) {
      var label = persona ? "Showing " + shown + " touchpoints for one persona" : "All personas";
      if (!document.querySelector(".tp")) { label = persona ? "Filtered by persona" : "All personas"; }
      status.textContent = label;
    }
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () {
      var persona = b.getAttribute("data-filter-persona");
      apply(persona);
      try {
        history.replaceState(null, "", persona ? "#persona=" + encodeURIComponent(persona) : "#");
      } catch (e) { /* some browsers refuse history on file:// pages */ }
    });
  });
  var match = /^#persona=(.+)$/.exec(location.hash);
  apply(match ? decodeURIComponent(match[1]) : "");
})();
