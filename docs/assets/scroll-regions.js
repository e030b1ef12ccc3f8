/*
  A table wider than the screen scrolls sideways inside the theme's wrapper. A keyboard
  user can only scroll it if the wrapper can take the focus (WCAG 2.1.1; axe:
  scrollable-region-focusable), and a screen reader should say what it is.
  document$ is the theme's observable of page loads (also after instant navigation).
*/
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", document.documentElement.lang === "en"
      ? "Table (scrolls sideways)" : "Tabel (schuift opzij)");
  });
});
