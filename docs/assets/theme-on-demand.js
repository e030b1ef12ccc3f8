/*
  The theme's script (search, header effects, back-to-top button, sidebar heights) keeps
  a cheap phone's main thread busy for about a third of a second after the page appears:
  long enough to delay a tap on the quick exit. Reading a page needs none of it, so it
  loads at the first sign of use: a tap, a key, a scroll, a mouse move, a focus or a click
  (a screen reader in browse mode may send only the click or the focus). It loads
  at once when a search result opened this page (?h=..., the theme marks the words).

  The theme's own <script> is rendered inert by overrides/main.html (type="text/plain",
  data-src); the colour scheme works without it (overrides/partials/javascripts/palette.html).
  When the script has run, "portal:theme" is sent on document, for scripts that add to it.
*/
(function () {
  var tag = document.querySelector("script[data-portal-theme]");
  if (!tag) return;
  var events = ["pointerdown", "pointermove", "keydown", "touchstart", "wheel", "scroll",
                "focusin", "click"];
  var options = { capture: true, passive: true };
  var started = false;

  function load() {
    if (started) return;
    started = true;
    events.forEach(function (name) { window.removeEventListener(name, load, options); });
    var script = document.createElement("script");
    script.src = tag.getAttribute("data-src");
    script.onload = function () {
      // The theme starts its page components on DOMContentLoaded, which has passed by
      // now: send it again for the theme (no other script here listens for it).
      if (document.readyState !== "loading") {
        document.dispatchEvent(new Event("DOMContentLoaded"));
      }
      document.dispatchEvent(new CustomEvent("portal:theme"));
    };
    document.body.appendChild(script);
  }

  // The theme opens its search on "/", "s" or "f". Until its script has run, that first key
  // would be lost: open the search here; the theme takes over the typed text when it runs.
  function shortcut(event) {
    if (window.component$) {
      window.removeEventListener("keydown", shortcut, true);
      return;
    }
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || !/^[/sf]$/.test(event.key)) return;
    if (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
    var toggle = document.getElementById("__search");
    var query = document.querySelector("[data-md-component=search-query]");
    if (!toggle || !query) return;
    event.preventDefault();
    toggle.checked = true;
    query.focus();
  }

  window.addEventListener("keydown", shortcut, true);
  if (/[?&]h=/.test(location.search)) load();
  else events.forEach(function (name) { window.addEventListener(name, load, options); });
})();
