// The partner map is wider than a phone and scrolls sideways.
// It opens with Baden-Württemberg in the middle, where most partners are within reach, rather
// than at its left edge, which shows only the Americas. When a dot takes keyboard focus, the
// dot itself is brought to the middle: the browser scrolls only until some part of the link
// shows, and that part can be the end of a long name while the dot stays out of sight.
const centre = (scroller, target) => {
  const box = target.getBoundingClientRect();
  const view = scroller.getBoundingClientRect();
  scroller.scrollLeft += box.left + box.width / 2 - (view.left + view.width / 2);
};

window.addEventListener("DOMContentLoaded", () => {
  for (const scroller of document.querySelectorAll(".partner-map .map-scroll")) {
    const home = scroller.querySelector(".home-dot");
    if (home && scroller.scrollWidth > scroller.clientWidth) centre(scroller, home);
  }
});

document.addEventListener("focusin", (event) => {
  const link = event.target instanceof Element ? event.target.closest(".map-scroll .map-marker a") : null;
  const dot = link && link.querySelector(".target");
  if (dot) centre(link.closest(".map-scroll"), dot);
});

// A dot's name, shown on hover or focus, may cover other dots: Escape hides it without moving
// the pointer or the focus (WCAG 1.4.13), until both have left that dot.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const link of document.querySelectorAll(".map-marker a:is(:hover, :focus-visible)")) {
    link.classList.add("quiet");
  }
});
for (const link of document.querySelectorAll(".map-marker a")) {
  link.addEventListener("mouseleave", () => {
    if (document.activeElement !== link) link.classList.remove("quiet");
  });
  link.addEventListener("blur", () => {
    if (!link.matches(":hover")) link.classList.remove("quiet");
  });
}
