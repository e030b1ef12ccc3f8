/*
 * Quick exit ("Snel weg") for the Meldpunt portal.
 *
 * Leave the site in one move and leave fewer traces:
 * - the button (a plain link to a neutral site, so it works without JavaScript) or
 *   Shift pressed three times within five seconds (Shift with another key does not count,
 *   any other key resets the count), announced in a live region in the page's language
 *   (Dutch, or English on the pages under /en/);
 * - on activation the page is hidden at once behind an overlay (role="alert"), this
 *   site's storage is cleared (the theme keeps e.g. the last search there), and the
 *   browser goes to the neutral site with location.replace, so Back does not return here;
 * - inside a frame (another site showing this one) the top window leaves, where the
 *   browser allows it, else the frame;
 * - a short-lived mark in sessionStorage sends this tab away again if someone goes Back
 *   to any page of the site, also when the page comes back from the back/forward cache;
 * - listeners sit on the document, so the theme's instant navigation cannot drop them.
 * Served from the site itself; no dependencies.
 */
(function () {
  "use strict";

  var PRESSES = 3;
  var WINDOW_MS = 5000;
  var BOUNCE_MS = 30 * 60 * 1000;
  var MARK = "portal-exit";

  // What the live region and the overlay say, by the language of the page (<html lang>).
  var TEXTS = {
    nl: {
      stopped: "Snel weg is gestopt.",
      closing: "Deze pagina wordt gesloten.",
      more: function (n) { return "Druk nog " + n + " keer op Shift om deze pagina snel te verlaten."; }
    },
    en: {
      stopped: "Leave now has stopped.",
      closing: "This page is closing.",
      more: function (n) { return "Press Shift " + n + " more time" + (n === 1 ? "" : "s") + " to leave this page now."; }
    }
  };
  var TEXT = TEXTS[document.documentElement.lang] || TEXTS.nl;

  var count = 0;
  var timer = null;
  var modified = false;

  function exitLink() {
    return document.querySelector("[data-portal-exit]");
  }

  function announce(text) {
    var region = document.querySelector("[data-portal-exit-status]");
    if (region) region.textContent = text;
  }

  function hidePage() {
    document.documentElement.classList.add("portal-exiting");
    if (!document.querySelector(".portal-exit-overlay") && document.body) {
      var overlay = document.createElement("div");
      overlay.className = "portal-exit-overlay";
      overlay.setAttribute("role", "alert");
      overlay.textContent = TEXT.closing;
      document.body.appendChild(overlay);
    }
  }

  function clearTraces() {
    try { window.localStorage.clear(); } catch (e) { /* storage may be disabled */ }
    try {
      window.sessionStorage.clear();
      window.sessionStorage.setItem(MARK, String(Date.now()));
    } catch (e) { /* storage may be disabled */ }
    var search = document.querySelector("[data-md-component=search-query]");
    if (search) search.value = "";
  }

  // Shown inside a frame of another site, leaving only the frame would keep the site on
  // screen: the whole window goes. A browser lets a frame navigate the top window after a
  // click or key press (or never, in a sandbox without allow-top-navigation); where it
  // may not, replace() throws, and the frame itself leaves.
  function go(target) {
    if (window.top !== window.self) {
      try {
        window.top.location.replace(target);
        return;
      } catch (e) { /* not allowed here: leave this frame at least */ }
    }
    window.location.replace(target);
  }

  function leave() {
    var link = exitLink();
    var target = link ? link.href : "about:blank";
    hidePage();
    clearTraces();
    go(target);
  }

  function reset() {
    count = 0;
    if (timer) window.clearTimeout(timer);
    timer = null;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-portal-exit]");
    if (!link) return;
    event.preventDefault();
    leave();
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) modified = false;
      return;
    }
    // Any other key, alone or with Shift held, cancels the sequence.
    modified = true;
    if (count > 0) announce(TEXT.stopped);
    reset();
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    if (modified) {
      modified = false;
      return;
    }
    count += 1;
    if (timer) window.clearTimeout(timer);
    if (count >= PRESSES) {
      reset();
      announce(TEXT.closing);
      leave();
      return;
    }
    var left = PRESSES - count;
    announce(TEXT.more(left));
    timer = window.setTimeout(function () {
      reset();
      announce(TEXT.stopped);
    }, WINDOW_MS);
  }, true);

  function recentlyLeft() {
    try {
      var when = Number(window.sessionStorage.getItem(MARK));
      return when > 0 && Date.now() - when < BOUNCE_MS;
    } catch (e) {
      return false;
    }
  }

  function bounce() {
    if (recentlyLeft()) leave();
  }

  window.addEventListener("pageshow", bounce);
  bounce();

  // The bar sticks to the top of the screen and the header, drawer and search sit below
  // it (portal.css, --portal-safety-height). Where the bar is taller than the stylesheet
  // assumes (large text wraps it to two lines), the measured height is used instead.
  var bar = document.querySelector("[data-md-component=announce]");
  if (bar && window.ResizeObserver) {
    new ResizeObserver(function () {
      var height = bar.getBoundingClientRect().height;
      if (height > 0) {
        document.documentElement.style.setProperty("--portal-safety-height", height + "px");
      }
    }).observe(bar);
  }
})();
