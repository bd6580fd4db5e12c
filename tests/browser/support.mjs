// Shared by the browser tests: Debian's Chromium driven by playwright-core (no browser
// download), the product at KMO_BASE_URL, screenshots into tests/artifacts/ (git-ignored).
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import assert from "node:assert/strict";

export const BASE = process.env.KMO_BASE_URL;
if (!BASE) throw new Error("KMO_BASE_URL must point at a running `wrangler dev` (scripts/test.sh sets it)");

export const ARTIFACTS = new URL("../artifacts/", import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

export const VIEWPORTS = {
  phone: { width: 360, height: 740, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  desktop: { width: 1280, height: 800 },
};

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

/** A fresh page at a viewport; fails the test on any console error or page crash. */
export async function openPage(browser, viewport, extra = {}) {
  const { isMobile, hasTouch, deviceScaleFactor, ...size } = VIEWPORTS[viewport];
  const context = await browser.newContext({
    viewport: size, isMobile, hasTouch, deviceScaleFactor, locale: "nl-BE", ...extra,
  });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  return { page, context, problems };
}

/** POST /api/v1/simulate from Node, for comparison with what the page shows. */
export async function apiSimulate(body) {
  const res = await fetch(`${BASE}/api/v1/simulate`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** `€ 1.234,56` as shared::format::euro writes it, from the API's "1234.56". */
export function euro(api) {
  const [whole, cents] = api.split(".");
  return `€ ${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".")},${cents}`;
}

/** Signs in through `POST /api/v1/dev/sign-in` from Node; answers the cookie header to send. */
export async function devSession(role, subject, user_name = "Test Gebruiker") {
  const res = await fetch(`${BASE}/api/v1/dev/sign-in`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ role, subject, user_name }),
  });
  if (res.status !== 200) throw new Error(`dev sign-in as ${role} ${subject}: ${res.status}`);
  const cookie = (res.headers.get("set-cookie") || "").split(";")[0];
  return {
    cookie,
    async call(method, path, body, headers = {}) {
      const r = await fetch(`${BASE}${path}`, {
        method,
        headers: { cookie, ...(body ? { "content-type": "application/json" } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : {} };
    },
  };
}

/** An API call made from inside `page` (same origin, with the page's own session cookie):
 * `call(method, path, body)` answers `{ status, body }`. */
export function pageCall(page) {
  return (method, path, body) => page.evaluate(async ([method, path, body]) => {
    const r = await fetch(path, {
      method, credentials: "include",
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : {} };
  }, [method, path, body]);
}

/** `iso` (YYYY-MM-DD) moved by `days`. */
export const shift = (iso, days) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The development server's "today" (its clock may be moved). */
export async function today() {
  const r = await fetch(`${BASE}/api/v1/dev/clock`);
  return (await r.json()).today;
}

/** "1234.56" → "1.234,56" as a person types it. */
export const typed = (api) => euro(api).replace("€ ", "");

/** The axe WCAG 2.1 AA violations of the page as it is now (the page must bypass CSP). */
export async function axeViolations(page) {
  const { createRequire } = await import("node:module");
  const { readFileSync } = await import("node:fs");
  const require = createRequire(import.meta.url);
  await page.addScriptTag({ content: readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`);
}

/** Opens pages whose requests each carry a client address of their own in the network `net`
 * (e.g. "203.0.113"): the sign-in rate limit counts per address, so files use distinct networks. */
export function addressedPages(browser, net) {
  let address = 0;
  return async (viewport) => {
    const opened = await openPage(browser, viewport, { bypassCSP: true });
    address += 1;
    await opened.context.setExtraHTTPHeaders({ "cf-connecting-ip": `${net}.${address}` });
    return opened;
  };
}

/** No axe violation, no horizontal overflow; a screenshot `<name>-<viewport>.png` in ARTIFACTS. */
export async function auditedPage(page, viewport, name) {
  assert.deepEqual(await axeViolations(page), [], `${name} at ${viewport}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name} at ${viewport} is ${overflow}px wider than the viewport`);
  await page.screenshot({ path: `${ARTIFACTS}${name}-${viewport}.png`, fullPage: true });
}

/** From the sign-in page of `base`, through the test identity provider, as `name`. */
export async function signInThroughIdp(page, base, name) {
  await page.goto(`${base}/aanmelden`);
  await page.getByRole("link", { name: "Aanmelden via de overheid" }).click();
  await page.getByRole("heading", { name: "Aanmelden (test-identiteitsdienst)" }).waitFor();
  await page.getByRole("button", { name: `Aanmelden als ${name}` }).click();
}
