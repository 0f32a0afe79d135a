// Live reload and build-error overlay; served by `build.py serve` only, never written into a site.
(() => {
  const overlayId = "pressroom-build-error";
  const events = "/__pressroom/events";
  // The build shown: the server's run and its count of builds (a restarted server counts anew).
  let generation = null;
  // A search page shows what the search index finds, and the index of a build is made after its
  // pages: such a page counts the builds whose index is in place, and reloads only once the
  // newest build's is (reloaded with the pages, it found what they said before the edit).
  const searching = document.querySelector('script[src^="/pagefind/"]') !== null;
  // A search page served while the newest build's index was being made: the server marks this
  // script so (data-indexing).
  const servedIndexing = searching && document.currentScript?.hasAttribute("data-indexing") === true;
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
  // A reload forgets what was typed into a search field: it goes into the address, where the
  // search page reads it when it loads, so that the search is made again in the new index.
  function reload() {
    const field = searching && document.querySelector(".pagefind-ui__search-input");
    if (!field) {
      location.reload();
      return;
    }
    const url = new URL(location.href);
    if (field.value.trim()) url.searchParams.set("q", field.value); else url.searchParams.delete("q");
    // The same address with a #fragment would only scroll: it must load again.
    if (url.href === location.href) location.reload(); else location.replace(url.href);
  }
  // A preview's first search index is made behind its pages: until it is in place a search
  // page has no Pagefind to load, and says that the index is coming, not that search is
  // unavailable (it reloads when the index is in place).
  function indexing(waiting) {
    const notice = document.getElementById("search-indexing");
    if (!searching || !notice || typeof PagefindUI !== "undefined") return;
    notice.hidden = !waiting;
    const unavailable = document.getElementById("search-unavailable");
    if (unavailable) unavailable.hidden = waiting;
  }
  // Said as this script runs, before search.js looks for Pagefind (at DOMContentLoaded, which
  // waits for this deferred script): heard from the stream only, a moment later, the page had
  // said first that search was not available.
  if (servedIndexing) indexing(true);
  function apply(state) {
    const build = `${state.run}/${searching ? state.indexed : state.generation}`;
    const newest = !searching || state.indexed === state.generation;
    // An index that came between this page and its stream: the page has no Pagefind, and
    // reloads to load it (no later state would tell it to).
    const missed = generation === null && servedIndexing && newest && typeof PagefindUI === "undefined";
    if ((generation !== null && build !== generation && newest) || missed) {
      reload();
      return;
    }
    if (generation === null) generation = build;
    document.documentElement.dataset.pressroomPreview = "connected";
    indexing(state.indexed !== state.generation);
    if (state.errors.length) showErrors(state.errors); else hideErrors();
  }
  // One stream for all the tabs of a browser (see reload-worker.js); a browser without shared
  // workers has a stream per tab.
  function shared() {
    try {
      const worker = new SharedWorker("/__pressroom/reload-worker.js", { name: "pressroom-live-reload" });
      worker.port.addEventListener("message", (message) => apply(message.data));
      worker.port.start();
      addEventListener("pagehide", () => worker.port.postMessage("bye"));
      // Back from the back-forward cache, the tab has said goodbye: it shows the latest build.
      addEventListener("pageshow", (event) => { if (event.persisted) location.reload(); });
      return true;
    } catch {
      return false;
    }
  }
  function own() {
    const source = new EventSource(events);
    source.addEventListener("state", (event) => apply(JSON.parse(event.data)));
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) setTimeout(own, 5000);
    });
  }
  if (!(typeof SharedWorker === "function" && shared())) own();
})();
