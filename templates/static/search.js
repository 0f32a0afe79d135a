// Starts Pagefind's search interface on a search page; it speaks the page's language.
window.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") return;
  new PagefindUI({
    element: "#search",
    bundlePath: element.dataset.bundle,
    baseUrl: element.dataset.base,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
  });
  const input = element.querySelector("input");
  if (input) input.focus();
});
