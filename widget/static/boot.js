// Boots the calculator inside the frame: the wasm reads the snippet's attributes from the query
// string; this looks the provider up on this (the product's) origin, and tells the host page's
// loader how tall the calculator is whenever that changes.
import init, { provider_to_load, start } from "./widget.js";

async function lookup(number) {
  try {
    const response = await fetch(`/api/v1/providers/${encodeURIComponent(number)}`);
    return response.ok ? await response.json() : undefined;
  } catch {
    return undefined; // Offline or refused: the neutral message, as for an unknown provider.
  }
}

await init();
const number = provider_to_load(location.search);
start(location.search, number ? await lookup(number) : undefined);

const report = () => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  // Only a height: nothing private, so any parent may read it; the loader checks the sender.
  parent.postMessage({ kmoCalculatorHeight: height }, "*");
};
new ResizeObserver(report).observe(document.documentElement);
