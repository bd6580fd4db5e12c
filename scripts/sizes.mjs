// Size budgets, measured as brotli (quality 11), the way the files travel to a phone.
// Usage: node scripts/sizes.mjs [--json]   exits 1 when a budget is exceeded.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const root = new URL("..", import.meta.url).pathname;
const brotli = (file) =>
  brotliCompressSync(readFileSync(file), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
const pkgDir = (dir, prefix) => {
  const found = readdirSync(dir).filter((n) => n.startsWith(prefix) && statSync(join(dir, n)).isDirectory());
  if (found.length !== 1) throw new Error(`expected one ${prefix}* folder in ${dir}, found ${found.length}`);
  return join(dir, found[0]);
};

const KB = 1000;
const bundles = [];
{
  // What a phone loads for the public simulator at `/`.
  const boot = readdirSync(join(root, "dist")).filter((n) => /^boot-.*\.js$/.test(n)).map((n) => join(root, "dist", n));
  const sim = pkgDir(join(root, "dist"), "sim-");
  const files = ["app_bg.wasm", "app.js"].map((f) => join(sim, f)).concat(boot);
  // What a phone loads first, on a mobile connection: 80 kB held until every amount explained
  // itself ("Hoe berekend?" with its sources) and costs could be split by kind (+21 kB, 99.4 kB
  // measured); issue 15's first-screen budget is 150 kB (README, "Size budgets").
  bundles.push({ name: "simulator wasm + JS (public, at /)", files, budget: 105 * KB });
}
{
  // The whole app, loaded after signing in: the simulator plus both portals (ten screens).
  const pkg = pkgDir(join(root, "dist"), "pkg-");
  const files = ["app_bg.wasm", "app.js"].map((f) => join(pkg, f));
  // 275 kB held until first-time registration (its screen, the KBO facts on the overview and the
  // e-mail confirmation page: +17 kB, 289 kB measured), then 295 kB until the mails' screens (the
  // reminders to come, the operator's parked mails, paged mails: +13 kB, 302 kB), then 305 kB
  // until the size wizard, the explanations, the cost breakdown and step 4's statements (+52 kB,
  // 353.7 kB), then 360 kB until the size declaration with the size wizard, the wizard's cost
  // breakdown, the stop of a fully paid project and the sign-in's return (+12.5 kB, 366.2 kB); splitting the app per
  // area is the way back down (README, "Size budgets").
  bundles.push({ name: "whole app wasm + JS (portals)", files, budget: 382 * KB });
}
{
  const dir = join(root, "worker", "build");
  const files = ["index_bg.wasm", "index.js"].map((f) => join(dir, f)).filter((f) => {
    try { return statSync(f).isFile(); } catch { return false; }
  });
  // The Worker is loaded once per edge isolate, not by phones; Cloudflare takes up to 3 MB
  // compressed. 250 kB held for the simulator slice; the full wallet API measured 394 kB, and
  // first-time registration (KBO facts, e-mail confirmation) 410 kB, and mail delivery (MIME by
  // mail-builder, the EPC QR code as PNG, reminders, calendar, parked mails) 499 kB, and the
  // explanations, cost breakdown, size wizard and rule sets 523 kB, and the four stop cases
  // with the provider's repayment, the related-party refusal and the size declared with its
  // figures 538 kB (README, "Size budgets").
  bundles.push({ name: "worker wasm + JS", files, budget: 558 * KB });
}

{
  // The calculator providers embed: what a visitor of a provider's page downloads.
  const embed = join(root, "dist", "embed");
  const pkg = pkgDir(embed, "pkg-");
  const files = [
    ...["widget_bg.wasm", "widget.js", "boot.js"].map((f) => join(pkg, f)),
    join(embed, "loader.js"),
    join(embed, "frame.html"),
  ];
  // 60 kB held until "Hoe berekend?" (the explanation with its sources, and the cost rules the
  // simulator's parser now links: +9.7 kB, 66.0 kB measured).
  bundles.push({ name: "widget wasm + JS + HTML", files, budget: 70 * KB });
}

let failed = false;
const rows = bundles.map(({ name, files, budget }) => {
  const raw = files.reduce((n, f) => n + statSync(f).size, 0);
  const br = files.reduce((n, f) => n + brotli(f), 0);
  const ok = br <= budget;
  failed ||= !ok;
  return { name, raw, brotli: br, budget, ok };
});
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  for (const r of rows) {
    console.log(
      `${r.ok ? "ok  " : "OVER"} ${r.name}: ${(r.brotli / KB).toFixed(1)} kB brotli ` +
        `(${(r.raw / KB).toFixed(1)} kB raw), budget ${(r.budget / KB).toFixed(0)} kB`,
    );
  }
}
process.exit(failed ? 1 : 0);
