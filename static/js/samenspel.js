/*
 * Samenspel: small progressive enhancement. No dependencies, no inline script (CSP).
 * htmx reads <meta name="htmx-config"> itself.
 * Countdown: <span data-countdown-end="2025-05-01T14:00:00+02:00">nog 10 minuten</span>
 * shows "mm:ss" every second. Put readable text in the element (it works without JS);
 * the template sets aria-live or role="timer".
 */
(function () {
  "use strict";

  function tweeCijfers(n) { return (n < 10 ? "0" : "") + n; }

  function startAftellen(root) {
    var els = Array.prototype.slice.call(root.querySelectorAll("[data-countdown-end]"));
    if (root.matches && root.matches("[data-countdown-end]")) els.push(root);
    els.forEach(function (el) {
      if (el.dataset.countdownGestart) return;
      // Django geeft soms microseconden; Date.parse kent alleen milliseconden.
      var eind = Date.parse(el.dataset.countdownEnd.replace(/(\.\d{3})\d+/, "$1"));
      if (isNaN(eind)) return;
      el.dataset.countdownGestart = "1";
      var timer = setInterval(tik, 1000);
      function tik() {
        if (!el.isConnected) { clearInterval(timer); return; }
        var s = Math.max(0, Math.ceil((eind - Date.now()) / 1000));
        el.textContent = tweeCijfers(Math.floor(s / 60)) + ":" + tweeCijfers(s % 60);
        if (s === 0) clearInterval(timer);
      }
      tik();
    });
  }

  document.addEventListener("DOMContentLoaded", function () { startAftellen(document); });
  // Also for content htmx swaps in later.
  document.addEventListener("htmx:load", function (e) { startAftellen(e.target); });
  // After htmx pushes a new URL (e.g. a filtered list), the language switch returns there.
  document.addEventListener("htmx:pushedIntoHistory", function () {
    document.querySelectorAll("form.taalkeuze input[name=next]").forEach(function (next) {
      next.setAttribute("value", location.pathname + location.search);
    });
  });
})();
