/*
  What the theme's main script would do at startup, which now loads only at first use
  (theme-on-demand.js): with no stored choice, follow the device's light or dark setting;
  show the toggle for the other scheme; and keep a toggle used before the theme's script
  runs (stored the theme's way, so the theme starts with it).

  Loaded right after the palette form (overrides/partials/javascripts/palette.html),
  without async or defer, so the scheme is set before the page is drawn; a file, not an
  inline script, so the page's CSP needs no hash for it (portal/sitecheck/csp.py).
*/
(function () {
  var form = document.querySelector("[data-md-component=palette]");
  var inputs = form ? form.querySelectorAll("input") : [];
  if (!inputs.length) return;
  function apply(index) {
    var color = {};
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      color[key] = inputs[index].getAttribute("data-md-color-" + key);
      document.body.setAttribute("data-md-color-" + key, color[key]);
    });
    for (var i = 0; i < inputs.length; i++) {
      var label = inputs[i].nextElementSibling;
      if (label instanceof HTMLElement) label.hidden = i !== index;
    }
    inputs[index].checked = true;
    return color;
  }
  var stored = __md_get("__palette");
  var index = stored && typeof stored.index === "number" ? stored.index : -1;
  if (index < 0 || index >= inputs.length) {
    index = 0;
    while (index < inputs.length - 1 &&
           !matchMedia(inputs[index].getAttribute("data-md-color-media")).matches) index++;
  }
  apply(index);
  form.addEventListener("change", function (event) {
    var chosen = Array.prototype.indexOf.call(inputs, event.target);
    if (chosen >= 0 && !window.component$) {
      __md_set("__palette", { index: chosen, color: apply(chosen) });
    }
  });
})();
