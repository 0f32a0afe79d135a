// The live-reload stream of every open tab of a browser, held once; served by `build.py serve` only.
// A browser opens at most six connections to one server: a stream per tab left none for a
// seventh tab's page, which then never loaded. Each tab gets the build's state from here.
const ports = new Set();
let last = null;
let source = null;
function connect() {
  source = new EventSource("/__pressroom/events");
  source.addEventListener("state", (event) => {
    last = JSON.parse(event.data);
    for (const port of ports) port.postMessage(last);
  });
  // A refusal (503: too many streams) ends a stream for good: try again a little later.
  source.addEventListener("error", () => {
    if (source.readyState === EventSource.CLOSED) setTimeout(connect, 5000);
  });
}
onconnect = (event) => {
  const port = event.ports[0];
  ports.add(port);
  port.addEventListener("message", (message) => {
    if (message.data === "bye") ports.delete(port);
  });
  port.start();
  if (last !== null) port.postMessage(last);
};
connect();
