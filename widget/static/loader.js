// The kmo-portefeuille subsidy calculator for a provider's own page. Paste:
//   <script src="https://<product>/embed/loader.js" data-provider="DV.O123456" async></script>
// The calculator appears where the script stands, in a frame served by the product (so the
// page's styles and scripts cannot reach it, nor it the page's). The frame reports its height
// by postMessage; only messages from the product's origin and this frame are believed.
(() => {
  const script = document.currentScript;
  if (!script || !script.parentNode) return;
  const origin = new URL(script.src).origin;
  const query = new URLSearchParams();
  for (const name of ["provider", "price", "service", "theme", "subtheme", "lang", "color"]) {
    const value = script.getAttribute(`data-${name}`);
    if (value !== null) query.set(name, value);
  }
  const frame = document.createElement("iframe");
  frame.src = `${origin}/embed/frame?${query}`;
  frame.title = "Subsidiecalculator kmo-portefeuille";
  frame.setAttribute("sandbox",
    "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox");
  // Inline !important beats any rule of the host page, so its CSS cannot squash the frame.
  const style = {
    display: "block", width: "100%", "max-width": "100%", "min-width": "0", height: "36rem",
    border: "0", margin: "0", padding: "0", background: "transparent", overflow: "hidden",
    transform: "none", opacity: "1", visibility: "visible", position: "static",
  };
  for (const [property, value] of Object.entries(style)) frame.style.setProperty(property, value, "important");
  script.parentNode.insertBefore(frame, script);
  addEventListener("message", (event) => {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    const height = Number(event.data && event.data.kmoCalculatorHeight);
    if (height > 0 && height < 20000) frame.style.setProperty("height", `${Math.ceil(height)}px`, "important");
  });
})();
