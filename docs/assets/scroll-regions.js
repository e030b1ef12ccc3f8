/*
  A table wider than the screen scrolls sideways. A keyboard user can only scroll it if
  the scrolling element can take the focus (WCAG 2.1.1; axe: scrollable-region-focusable),
  and a screen reader should say what it is.

  Until the theme's script has run (assets/theme-on-demand.js), the table itself scrolls
  (the theme's CSS); afterwards the theme's wrapper around it does. Both states are marked:
  now, and again on "portal:theme".
*/
(function () {
  var label = document.documentElement.lang === "en"
    ? "Table (scrolls sideways)" : "Tabel (schuift opzij)";

  function mark() {
    document.querySelectorAll(".md-typeset table:not([class])").forEach(function (table) {
      var wrap = table.closest(".md-typeset__scrollwrap");
      var scroller = wrap || table;
      if (wrap) {
        table.removeAttribute("tabindex");
        table.removeAttribute("aria-label");
        wrap.setAttribute("role", "region");
      }
      scroller.setAttribute("tabindex", "0");
      scroller.setAttribute("aria-label", label);
    });
  }

  mark();
  document.addEventListener("portal:theme", mark);
})();
