/*
  Loaded in <head> (overrides/main.html) without async or defer, so it runs before
  anything is drawn; a file of the site itself, not inline, so the page's CSP needs no
  hash for it (portal/sitecheck/csp.py).

  - If this tab used the quick exit a moment ago, keep the page hidden
    ("portal-exiting"); quick-exit.js then sends the tab away again.
  - Mark that scripts run ("portal-js"), even before the theme's own script has loaded
    (it loads at first use): theme-fixes.css shows the search for "portal-js", which the
    theme hides for "no-js" until then.
*/
(function () {
  var root = document.documentElement;
  try {
    var exited = +sessionStorage.getItem("portal-exit");
    if (exited && Date.now() - exited < 18e5) root.classList.add("portal-exiting");
  } catch (e) {
    // No sessionStorage (blocked by the browser's settings): nothing to remember.
  }
  root.classList.add("portal-js");
})();
