// The partner map is wider than a phone and scrolls sideways. When a dot takes keyboard focus,
// bring the dot itself to the middle: the browser scrolls only until some part of the link
// shows, and that part can be the end of a long name while the dot stays out of sight.
document.addEventListener("focusin", (event) => {
  const link = event.target instanceof Element ? event.target.closest(".map-scroll .map-marker a") : null;
  const dot = link && link.querySelector(".target");
  if (dot) dot.scrollIntoView({ block: "nearest", inline: "center" });
});
