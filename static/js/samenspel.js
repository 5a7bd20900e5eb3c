/*
 * Samenspel – kleine progressieve verbetering. Geen afhankelijkheden, geen inline script (CSP).
 * htmx leest <meta name="htmx-config"> zelf; daarvoor is hier niets nodig.
 * Aftellen: <span data-countdown-end="2025-05-01T14:00:00+02:00">nog 10 minuten</span>
 * toont elke seconde "mm:ss". Zet zelf een leesbare tekst in het element (werkt zonder JS);
 * aria-live (of role="timer") regelt de template.
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
  // Ook voor inhoud die htmx later inwisselt.
  document.addEventListener("htmx:load", function (e) { startAftellen(e.target); });
})();
