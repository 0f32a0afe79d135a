// The copy-link button of a release page: shown only where the browser can copy, it puts the
// permalink on the clipboard and sends nothing anywhere.
window.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) return;
  for (const box of document.querySelectorAll(".copy-link")) {
    const button = box.querySelector("button");
    const status = box.querySelector(".copy-status");
    if (!button || !status) continue;
    box.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(button.dataset.url).then(() => {
        status.textContent = status.dataset.done;
      });
    });
  }
});
