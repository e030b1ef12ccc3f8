/*
  The skip link ("Naar inhoud") must move the keyboard focus, not only the view: the focus
  goes to the page title (so the next Tab starts in the content), and the theme does not
  see the click (its instant navigation, if switched on, would reload the content and
  lose the focus).
*/
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.md-skip");
  if (!link) return;
  var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!target) return;
  event.preventDefault();
  event.stopPropagation();
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
  target.scrollIntoView();
}, true);
