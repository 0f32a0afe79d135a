// Live reload and build-error overlay; served by `build.py serve` only, never written into a site.
(() => {
  const overlayId = "pressroom-build-error";
  let generation = null;
  function showErrors(lines) {
    let box = document.getElementById(overlayId);
    if (!box) {
      box = document.createElement("div");
      box.id = overlayId;
      box.setAttribute("role", "alert");
      box.setAttribute("lang", "en");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "margin:0;padding:1rem 1.25rem;background:#5c0011;color:#fff;font:14px/1.5 ui-monospace,monospace;" +
        "white-space:pre-wrap;box-shadow:0 -4px 16px rgba(0,0,0,.4)";
      document.body.appendChild(box);
    }
    box.textContent = "Build failed; still showing the last good build.\n\n" + lines.join("\n");
  }
  function hideErrors() {
    const box = document.getElementById(overlayId);
    if (box) box.remove();
  }
  const source = new EventSource("/__pressroom/events");
  source.addEventListener("state", (event) => {
    const state = JSON.parse(event.data);
    if (generation !== null && state.generation !== generation) {
      location.reload();
      return;
    }
    generation = state.generation;
    if (state.errors.length) showErrors(state.errors); else hideErrors();
  });
})();
