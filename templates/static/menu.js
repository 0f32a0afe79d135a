// The phone's menu is a <details> that needs no script to open and close. Escape closes it too,
// as readers expect of a menu, from its links or its empty field, and gives focus back to its
// button. In a field with words in it, Escape first empties the field (the browser's own way).
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape" || event.defaultPrevented) return;
  const target = event.target instanceof Element ? event.target : null;
  const menu = target && target.closest("details.menu[open]");
  const button = menu && menu.querySelector(":scope > summary");
  // Wide screens show the menu as a row of links, without the button: nothing to close there.
  // (Boxes, not checkVisibility(): Safari before 17.4 has none, and the script would throw.)
  if (!button || button.getClientRects().length === 0) return;
  if (target.matches("input") && target.value) return;
  menu.open = false;
  button.focus();
});
