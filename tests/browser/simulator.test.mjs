// The public simulator in real headless Chromium, at phone and desktop sizes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, apiSimulate, axeViolations, euro, BASE, ARTIFACTS } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const figures = async (page) => {
  const out = {};
  for (const f of ["rate", "project_amount", "own_contribution", "subsidy", "remaining_after"]) {
    out[f] = (await page.locator(`[data-field=${f}]`).textContent()).trim();
  }
  return out;
};

for (const viewport of ["phone", "desktop"]) {
  test(`${viewport}: filling the simulator shows what the API computes`, async () => {
    const { page, context, problems } = await openPage(browser, viewport);
    await page.goto(`${BASE}/`);
    await page.getByRole("heading", { name: "Subsidiesimulator" }).waitFor();
    await page.getByLabel("Klein", { exact: true }).check();
    await page.getByLabel("Advies").check();
    await page.getByLabel("Thema", { exact: true }).selectOption("digitalisering");
    await page.getByLabel("Subthema").selectOption("cybersecurity");
    await page.getByLabel("Kost exclusief btw (€)").fill("1.250,00");
    await page.getByLabel("Datum van de aanvraag").fill("2026-11-22");
    await page.getByLabel("Steun die je dit kalenderjaar al kreeg (€)").fill("7.000");
    await page.locator("[data-field=subsidy]").waitFor();

    const api = await apiSimulate({
      size: "small", service: "advice", theme: "digitalisering", subtheme: "cybersecurity",
      cost: "1250.00", date: "2026-11-22", used_this_year: "7000.00",
    });
    assert.equal(api.status, 200);
    assert.equal(api.body.eligible, true);
    const shown = await figures(page);
    assert.deepEqual(shown, {
      rate: "45 %",
      project_amount: euro(api.body.project_amount),
      own_contribution: euro(api.body.own_contribution),
      subsidy: euro(api.body.subsidy),
      remaining_after: euro(api.body.remaining_after),
    });
    // 500 left of the ceiling: the project is capped at 1111.11, subsidy 500.00.
    assert.equal(shown.subsidy, "€ 500,00");
    assert.equal(shown.project_amount, "€ 1.111,11");
    assert.ok(await page.locator(".notes [data-code=project_capped]").isVisible());
    assert.ok(await page.locator(".split-bar").isVisible(), "the own/subsidy bar is drawn");

    // Nothing overflows a 360 px phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    await page.screenshot({ path: `${ARTIFACTS}simulator-${viewport}.png`, fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("phone: a large enterprise and a cost under € 100 are explained in Dutch", async () => {
  const { page, context, problems } = await openPage(browser, "phone");
  await page.goto(`${BASE}/`);
  await page.getByLabel("Groot", { exact: true }).check();
  await page.getByLabel("Kost exclusief btw (€)").fill("50");
  await page.locator(".reasons").waitFor();
  const codes = await page.locator(".reasons li").evaluateAll((ls) => ls.map((l) => l.dataset.code));
  assert.deepEqual(codes, ["enterprise_large", "cost_below_minimum"]);
  assert.match(await page.locator(".reasons").textContent(), /Grote ondernemingen komen niet in aanmerking/);
  await page.screenshot({ path: `${ARTIFACTS}simulator-not-eligible-phone.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test("desktop: a wrong amount is named next to its field and announced", async () => {
  const { page, context } = await openPage(browser, "desktop");
  await page.goto(`${BASE}/`);
  const cost = page.getByLabel("Kost exclusief btw (€)");
  await cost.fill("twaalf");
  await page.locator("#cost-error:not(:empty)").waitFor();
  assert.equal(await cost.getAttribute("aria-invalid"), "true");
  assert.match(await page.locator("#cost-error").textContent(), /Kost exclusief btw: Vul een bedrag in/);
  assert.equal(await page.locator("#cost-error").getAttribute("role"), "alert");
  await cost.fill("980");
  await page.locator("[data-field=subsidy]").waitFor();
  assert.equal(await cost.getAttribute("aria-invalid"), "false");
  await context.close();
});

test("phone and desktop: the simulator passes an automated accessibility audit (axe, WCAG 2.1 AA)", async () => {
  for (const viewport of ["phone", "desktop"]) {
    // The product's CSP forbids inline scripts; the audit injects one, so only it bypasses CSP.
    const { page, context } = await openPage(browser, viewport, { bypassCSP: true });
    await page.goto(`${BASE}/`);
    await page.getByLabel("Kost exclusief btw (€)").fill("980");
    await page.locator("[data-field=subsidy]").waitFor();
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `${viewport}`);
    await context.close();
  }
});
