// The calculator providers embed (issue 6), in headless Chromium: a host page on another origin
// (a second local port, with hostile CSS and scripts) pastes the README's snippet; the test
// reads the amounts inside the frame and compares them with POST /api/v1/simulate.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { launch, openPage, apiSimulate, axeViolations, euro, BASE, ARTIFACTS } from "./support.mjs";

let browser;
let host;
let HOST;
const pages = new Map();

// Rules a careless or hostile page might have; none may reach the calculator.
const HOSTILE_CSS = `
  * { color: rgb(255, 0, 0) !important; font-size: 40px !important; letter-spacing: 3px !important;
      font-family: "Comic Sans MS", fantasy !important; background: yellow !important; }
  iframe { border: 12px dashed red !important; width: 50px !important; height: 20px !important;
           display: inline !important; margin: 30px !important; }
  dd, dt, p, h1, label, select, input { display: none !important; }
`;
// Globals with the names the widget's own scripts use, and a message listener that throws.
const HOSTILE_SCRIPT = `
  var init = null, start = null, provider_to_load = 1, lookup = "x";
  window.addEventListener("message", () => { throw new Error("host page listener"); });
`;

/** Serves `html` on the host origin; returns its URL. */
function hostPage(name, body) {
  pages.set(`/${name}`, `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1"><title>Course ${name}</title>
    <style>${HOSTILE_CSS}</style><script>${HOSTILE_SCRIPT}</script></head>
    <body><main style="max-width: 40rem; margin: 0 auto"><h2>Our course</h2>${body}</main></body></html>`);
  return `${HOST}/${name}`;
}

/** The README's snippet with these attributes. */
function snippet(attributes) {
  const data = Object.entries(attributes)
    .map(([k, v]) => ` data-${k}="${String(v).replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`)
    .join("");
  return `<script src="${BASE}/embed/loader.js"${data} async></script>`;
}

before(async () => {
  browser = await launch();
  host = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const html = pages.get(path);
    if (!html) {
      res.writeHead(path === "/favicon.ico" ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise((resolve) => host.listen(0, "127.0.0.1", resolve));
  HOST = `http://127.0.0.1:${host.address().port}`;
  assert.notEqual(new URL(HOST).origin, new URL(BASE).origin, "the host page is on another origin");
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => (host ? host.close(resolve) : resolve()));
});

/** Opens a host page with one snippet and waits for the calculator (or its message). */
async function embed(viewport, name, attributes) {
  const opened = await openPage(browser, viewport);
  await opened.page.goto(hostPage(name, snippet(attributes)));
  const widget = opened.page.frameLocator("iframe");
  await widget.locator("#calc, [data-state=unavailable]").first().waitFor();
  const frame = await (await opened.page.locator("iframe").elementHandle()).contentFrame();
  return { ...opened, widget, frame };
}

async function figures(widget) {
  await widget.locator("[data-field=subsidy]").waitFor();
  const out = {};
  for (const f of ["rate", "project_amount", "own_contribution", "subsidy", "remaining_after"]) {
    out[f] = (await widget.locator(`[data-field=${f}]`).textContent()).trim();
  }
  return out;
}

async function expectApiFigures(widget, body) {
  const api = await apiSimulate(body);
  assert.equal(api.status, 200, JSON.stringify(api.body));
  assert.equal(api.body.eligible, true, JSON.stringify(api.body));
  assert.deepEqual(await figures(widget), {
    rate: `${Math.round(Number(api.body.rate) * 100)} %`,
    project_amount: euro(api.body.project_amount),
    own_contribution: euro(api.body.own_contribution),
    subsidy: euro(api.body.subsidy),
    remaining_after: euro(api.body.remaining_after),
  });
  return api.body;
}

async function until(check, what) {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
}

const optionValues = (locator) => locator.locator("option").evaluateAll((os) => os.map((o) => o.value));

const README_EXAMPLE = {
  provider: "DV.O123456", price: "1250.00", service: "training", theme: "digitalisering",
  subtheme: "software", lang: "nl", color: "#1d3b6f",
};

for (const viewport of ["phone", "desktop"]) {
  test(`${viewport}: the README's snippet on a provider's page computes what the API computes`, async () => {
    const { page, context, widget, frame, problems } = await embed(viewport, `course-${viewport}`, README_EXAMPLE);
    assert.equal((await widget.locator("[data-provider-name]").textContent()).trim(), "dienstverlener kmo-portefeuille");
    const small = await expectApiFigures(widget, {
      size: "small", service: "training", theme: "digitalisering", subtheme: "software", cost: "1250.00",
    });
    assert.equal(small.own_contribution, "875.00");
    assert.match(await widget.locator(".headline").textContent(), /kost €\s1\.250,00 .*betaal je €\s875,00/);

    await widget.getByLabel("Middelgroot").check();
    await until(async () => (await widget.locator("[data-field=rate]").textContent()).trim() === "20 %", "the medium rate");
    await expectApiFigures(widget, {
      size: "medium", service: "training", theme: "digitalisering", subtheme: "software", cost: "1250.00",
    });

    // The link to apply opens the product, for this provider, outside the host page.
    const apply = widget.locator("a.apply");
    assert.equal(await apply.evaluate((a) => a.href), `${BASE}/aanvraag?provider=DV.O123456`);
    assert.equal(await apply.getAttribute("target"), "_blank");
    const button = await apply.evaluate((a) => [getComputedStyle(a).color, getComputedStyle(a).backgroundColor]);
    assert.deepEqual(button, ["rgb(255, 255, 255)", "rgb(29, 59, 111)"], "white on the provider's colour");

    // No host style leaked in: colour, size and font are the widget's own.
    const style = await widget.locator("[data-field=subsidy]").evaluate((el) => {
      const s = getComputedStyle(el);
      return { color: s.color, fontSize: s.fontSize, fontFamily: s.fontFamily, display: s.display };
    });
    assert.notEqual(style.color, "rgb(255, 0, 0)");
    assert.notEqual(style.fontSize, "40px");
    assert.doesNotMatch(style.fontFamily, /Comic/);
    assert.notEqual(style.display, "none");
    const heading = await widget.locator("h1").evaluate((el) => getComputedStyle(el).color);
    assert.equal(heading, "rgb(255, 255, 255)", "white on the provider's dark blue");
    // Nor could the host squash the frame: full width, no border, as tall as its content.
    const box = await page.locator("iframe").evaluate((f) => {
      const s = getComputedStyle(f);
      return { border: s.borderTopWidth, width: f.getBoundingClientRect().width, parent: f.parentElement.clientWidth };
    });
    assert.equal(box.border, "0px");
    assert.ok(Math.abs(box.width - box.parent) <= 1, `frame ${box.width}px in ${box.parent}px`);
    await until(async () => {
      const inner = await frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
      const outer = await page.locator("iframe").evaluate((f) => f.clientHeight);
      return Math.abs(inner - outer) <= 1;
    }, "the loader to size the frame to its content");
    const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `the calculator is ${overflow}px wider than its frame`);

    await page.screenshot({ path: `${ARTIFACTS}widget-${viewport}.png`, fullPage: true });
    assert.deepEqual(problems.filter((p) => !p.includes("host page listener")), []);
    await context.close();
  });
}

test("desktop: a provider's registration limits the themes and services on offer", async () => {
  // DV.O123456: training only, in digitalisering/software and digitalisering/onlinetoepassingen.
  {
    const { widget, context } = await embed("desktop", "limits-123456", { provider: "DV.O123456" });
    assert.equal(await widget.locator("select#theme").count(), 0, "one theme: nothing to choose");
    assert.deepEqual(await optionValues(widget.locator("select#subtheme")), ["software", "onlinetoepassingen"]);
    assert.equal(await widget.locator("input[name=service][type=radio]").count(), 0, "training only");
    assert.match(await widget.locator("dl.fixed").textContent(), /Opleiding.*Digitalisering/);
    await widget.locator("select#subtheme").selectOption("onlinetoepassingen");
    await widget.getByLabel("Kost exclusief btw (€)").fill("980");
    await expectApiFigures(widget, {
      size: "small", service: "training", theme: "digitalisering", subtheme: "onlinetoepassingen", cost: "980.00",
    });
    await context.close();
  }
  // DV.O222774: two whole themes; the sub-themes follow the chosen theme.
  {
    const { widget, context } = await embed("desktop", "limits-222774", { provider: "DV.O222774" });
    assert.deepEqual(await optionValues(widget.locator("select#theme")), ["bedrijfsstrategie", "personeelsmanagement"]);
    assert.equal(await widget.locator("select#subtheme").count(), 0, "bedrijfsstrategie has no sub-themes");
    await widget.locator("select#theme").selectOption("personeelsmanagement");
    await widget.locator("select#subtheme").waitFor();
    const subthemes = await optionValues(widget.locator("select#subtheme"));
    assert.equal(subthemes[0], "", "the whole theme may be chosen");
    assert.equal(subthemes.length, 6);
    await widget.locator("select#subtheme").selectOption("competentiebeleid");
    await widget.getByLabel("Kost exclusief btw (€)").fill("2.000,00");
    await expectApiFigures(widget, {
      size: "small", service: "training", theme: "personeelsmanagement", subtheme: "competentiebeleid", cost: "2000.00",
    });
    await context.close();
  }
  // DV.0104945: training and advice, in digitalisering/cybersecurity only (advice at 45 %).
  {
    const { widget, context } = await embed("desktop", "limits-0104945", { provider: "DV.0104945", price: "1.250,00" });
    assert.deepEqual(
      await widget.locator("input[name=service]").evaluateAll((is) => is.map((i) => i.value)),
      ["training", "advice"],
    );
    assert.match(await widget.locator("dl.fixed").textContent(), /Digitalisering - Cybersecurity.*€ 1\.250,00/);
    await widget.getByLabel("Advies").check();
    await until(async () => (await widget.locator("[data-field=rate]").textContent()).trim() === "45 %", "the advice rate");
    await expectApiFigures(widget, {
      size: "small", service: "advice", theme: "digitalisering", subtheme: "cybersecurity", cost: "1250.00",
    });
    // The simulator's other fields: 500 left of this year's ceiling caps the project.
    await widget.getByText("Meer opties").click();
    await widget.getByLabel("Steun die je dit kalenderjaar al kreeg (€)").fill("7.000");
    await widget.getByLabel("Datum van de aanvraag").fill("2026-11-22");
    await until(async () => (await widget.locator("[data-field=subsidy]").textContent()).trim() === "€ 500,00", "the cap");
    await expectApiFigures(widget, {
      size: "small", service: "advice", theme: "digitalisering", subtheme: "cybersecurity", cost: "1250.00",
      used_this_year: "7000.00", date: "2026-11-22",
    });
    assert.match(await widget.locator(".headline").textContent(), /Je krijgt €\s500,00/);
    assert.ok(await widget.locator(".notes [data-code=project_capped]").isVisible());
    await context.close();
  }
});

test("phone: an unknown or malformed provider number shows a neutral message, never an error", async () => {
  for (const provider of ["DV.O999999", "DV.X12"]) {
    const { widget, context, frame } = await embed("phone", `unknown-${provider}`, { provider, price: "1250.00" });
    const message = await widget.locator("[data-state=unavailable]").textContent();
    assert.match(message, /niet beschikbaar/);
    assert.doesNotMatch(message, /fout|error|404/i);
    assert.equal(await widget.locator("form, [data-field]").count(), 0);
    assert.equal(await widget.locator("a").evaluate((a) => a.href), `${BASE}/`);
    assert.equal(await frame.evaluate(() => document.documentElement.lang), "nl");
    await context.close();
  }
});

test("phone: bad attribute values fall back to the defaults", async () => {
  const { widget, frame, context, problems } = await embed("phone", "bad-values", {
    price: "twaalf", service: "cooking", theme: "marketing", subtheme: "software",
    lang: "xx", color: "red; background: url(https://evil.example/x.png)",
  });
  assert.equal(await frame.evaluate(() => document.documentElement.lang), "nl");
  assert.equal(
    await widget.locator(".head").evaluate((el) => getComputedStyle(el).backgroundColor),
    "rgb(29, 59, 111)",
    "the product's own colour",
  );
  const themes = await optionValues(widget.locator("select#theme"));
  assert.equal(themes.length, 8, "every theme");
  assert.equal(await widget.locator("select#theme").inputValue(), "digitalisering");
  assert.equal(await widget.locator("input[name=service]").count(), 2, "both services");
  assert.equal(await widget.locator("a.apply").evaluate((a) => a.href), `${BASE}/aanvraag`);
  const cost = widget.getByLabel("Kost exclusief btw (€)");
  await cost.fill("twaalf");
  await widget.locator("#cost-error:not(:empty)").waitFor();
  assert.equal(await cost.getAttribute("aria-invalid"), "true");
  assert.match(await widget.locator("#cost-error").textContent(), /Vul een bedrag in/);
  await cost.fill("980");
  await expectApiFigures(widget, { size: "small", service: "training", theme: "digitalisering", cost: "980.00" });
  assert.equal(await cost.getAttribute("aria-invalid"), "false");
  assert.deepEqual(problems.filter((p) => !p.includes("host page listener")), []);
  await context.close();
});

test("desktop: the rest of the product refuses to be framed; the calculator's page allows it", async () => {
  const head = async (path) => (await fetch(`${BASE}${path}`)).headers;
  for (const path of ["/", "/aanvraag", "/embed/", "/embed/unknown", "/embed/loader.js"]) {
    const h = await head(path);
    assert.equal(h.get("x-frame-options"), "DENY", path);
    assert.match(h.get("content-security-policy"), /frame-ancestors 'none'/, path);
  }
  const frameHeaders = await head("/embed/frame?provider=DV.O123456");
  assert.equal(frameHeaders.get("x-frame-options"), null);
  assert.match(frameHeaders.get("content-security-policy"), /frame-ancestors \*/);
  assert.doesNotMatch(frameHeaders.get("content-security-policy"), /'none'.*frame-ancestors|frame-ancestors 'none'/);
  assert.match(frameHeaders.get("cache-control"), /max-age=300/);
  assert.match((await head("/embed/loader.js")).get("cache-control"), /max-age=300/);

  // The product's home page framed by the host page: Chromium refuses to show it.
  const { page, context } = await openPage(browser, "desktop");
  const blocked = [];
  page.on("console", (m) => /Refused to (display|frame)|Framing .* violates/.test(m.text()) && blocked.push(m.text()));
  await page.goto(hostPage("framing", `<iframe id="product" src="${BASE}/" title="product"></iframe>`));
  const frameEl = await page.locator("#product").elementHandle();
  await until(async () => blocked.length > 0 || (await frameEl.contentFrame())?.url() !== "about:blank", "the frame to load");
  const inner = await frameEl.contentFrame();
  assert.equal(await page.frameLocator("#product").locator("#sim-title").count(), 0, "the simulator did not render");
  assert.ok(blocked.length > 0 || !inner.url().startsWith(BASE), `framed ${inner.url()}`);
  await context.close();
});

test("phone and desktop: the calculator passes an automated accessibility audit (axe, WCAG 2.1 AA)", async () => {
  for (const viewport of ["phone", "desktop"]) {
    const { page, context } = await openPage(browser, viewport, { bypassCSP: true });
    await page.goto(`${BASE}/embed/frame?provider=DV.0104945&color=%23f0b400`);
    await page.getByLabel("Kost exclusief btw (€)").fill("980");
    await page.locator("[data-field=subsidy]").waitFor();
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], viewport);
    await context.close();
  }
});
