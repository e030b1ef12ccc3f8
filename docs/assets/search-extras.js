/*
 * Additions to the theme's search.
 *
 * 1. Search words marked on the page a result opens, without putting them in the
 *    address. The theme's own highlighting (feature search.highlight) adds ?h=<words> to
 *    every result link, so the words someone searched for stay in the address bar and the
 *    browser history. That feature is off (mkdocs.yml); this script marks instead:
 *    - choosing a result (click, tap or Enter, which the theme turns into a click) keeps
 *      the typed words for the next page only, in this tab's sessionStorage: the page that
 *      opens reads them and removes them at once; the quick exit clears the storage too
 *      (quick-exit.js);
 *    - a result on the page already open (a section of it) is marked at once, in memory.
 *    The words are marked with <mark>, made with DOM methods (no HTML from the query).
 * 2. The search form is never sent: pressing Enter before the theme's script has loaded
 *    (it loads at first use, theme-on-demand.js) would otherwise load ?query=<words>.
 * 3. A button with data-portal-search-open (the 404 page) opens the search; it is hidden
 *    until this script runs, as the search needs JavaScript.
 */
(function () {
  "use strict";

  var KEY = "portal-highlight";

  function queryWords() {
    var box = document.querySelector("[data-md-component=search-query]");
    if (!box) return [];
    // The theme's query syntax (+word, -word, word*, word~1, field:word) is not text.
    return box.value.toLowerCase().split(/[\s\-,:;!?=[\]()"“”‘’/·…+*~^]+/)
      .filter(function (word) { return word.length > 1; })
      .slice(0, 10);
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // Each word where a word starts (the theme finds words by their beginning as well).
  function mark(words) {
    var content = document.querySelector("[data-md-component=content]");
    if (!content || !words.length) return;
    var pattern;
    try {
      pattern = new RegExp("(?<![\\p{L}\\p{N}])(?:" + words.map(escapeRegExp).join("|") + ")",
                           "giu");
    } catch (e) {
      return; // an old browser without look-behind: no marks, nothing else lost
    }
    var nodes = [];
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var parent = node.parentElement;
      if (!parent || !parent.offsetHeight || parent.closest("mark, script, style")) continue;
      pattern.lastIndex = 0;
      if (pattern.test(node.nodeValue)) nodes.push(node);
    }
    nodes.forEach(function (textNode) {
      var text = textNode.nodeValue;
      var parts = document.createDocumentFragment();
      var last = 0;
      var match;
      pattern.lastIndex = 0;
      while ((match = pattern.exec(text)) !== null) {
        if (!match[0]) { pattern.lastIndex += 1; continue; }
        parts.appendChild(document.createTextNode(text.slice(last, match.index)));
        var marked = document.createElement("mark");
        marked.setAttribute("data-md-highlight", "");
        marked.textContent = match[0];
        parts.appendChild(marked);
        last = match.index + match[0].length;
      }
      parts.appendChild(document.createTextNode(text.slice(last)));
      textNode.replaceWith(parts);
    });
  }

  // The words handed over by the result chosen on the previous page: read once, removed.
  var handed = null;
  try {
    handed = JSON.parse(window.sessionStorage.getItem(KEY) || "null");
    window.sessionStorage.removeItem(KEY);
  } catch (e) { /* storage blocked or not JSON: nothing to mark */ }
  if (handed && handed.path === location.pathname && Array.isArray(handed.words)) {
    var words = handed.words.filter(function (w) { return typeof w === "string"; });
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { mark(words); }, { once: true });
    } else {
      mark(words);
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".md-search-result__link");
    if (!link || !link.href) return;
    var words = queryWords();
    if (!words.length) return;
    var target = new URL(link.href, location.href);
    if (target.origin !== location.origin) return;
    if (target.pathname === location.pathname) {
      window.setTimeout(function () { mark(words); }, 0);
      return;
    }
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify({ path: target.pathname, words: words }));
    } catch (e) { /* storage blocked: the page opens without marks */ }
  }, true);

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-portal-search-open]");
    var toggle = document.getElementById("__search");
    var box = document.querySelector("[data-md-component=search-query]");
    if (!button || !toggle || !box) return;
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    box.focus();
  });

  function showOpeners() {
    var buttons = document.querySelectorAll("[data-portal-search-open]");
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showOpeners, { once: true });
  } else {
    showOpeners();
  }

  document.addEventListener("submit", function (event) {
    if (event.target && event.target.name === "search") event.preventDefault();
  }, true);
})();
