// Issue 13 in headless Chromium at 360 and 1280 px, each with axe: "Hoe berekend?" in the
// simulator and in the embeddable calculator, costs split by kind, and the size wizard.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, apiSimulate, axeViolations, BASE, ARTIFACTS } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const noOverflow = async (page) => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
};

for (const viewport of ["phone", "desktop"]) {
  test(`${viewport}: the simulator explains every step with its source, as the API does`, async () => {
    const { page, context, problems } = await openPage(browser, viewport, { bypassCSP: true });
    await page.goto(`${BASE}/`);
    await page.getByLabel("Klein", { exact: true }).check();
    await page.getByLabel("Opleiding").check();
    await page.getByLabel("Thema", { exact: true }).selectOption("innovatie");
    await page.getByLabel("Kost exclusief btw (€)").fill("980");
    await page.getByLabel("Datum van de aanvraag").fill("2026-03-02");
    await page.locator("[data-field=subsidy]").waitFor();
    await page.getByText("Hoe berekend?").click();
    const steps = page.locator(".explanation li");
    await steps.first().waitFor();
    const shown = await steps.evaluateAll((ls) => ls.map((l) => l.dataset.code));
    const api = await apiSimulate({ size: "small", service: "training", theme: "innovatie", cost: "980", date: "2026-03-02" });
    assert.deepEqual(shown, api.body.explanation.map((s) => s.code));
    const subsidy = page.locator(".explanation li[data-code=subsidy]");
    assert.match(await subsidy.textContent(), /€ 980,00 × 30 % = € 294,00/);
    assert.match(await subsidy.locator(".source").textContent(), /^Bron: Besluit van de Vlaamse Regering van 26 februari 2016.*art\. 18/);
    await noOverflow(page);
    assert.deepEqual(await axeViolations(page), [], viewport);
    await page.screenshot({ path: `${ARTIFACTS}explanation-${viewport}.png`, fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${viewport}: costs split by kind subsidise only what counts`, async () => {
    const { page, context, problems } = await openPage(browser, viewport, { bypassCSP: true });
    await page.goto(`${BASE}/`);
    await page.getByLabel("Thema", { exact: true }).selectOption("innovatie");
    await page.getByLabel("Kosten opsplitsen").check();
    await page.getByLabel("Inschrijvingsgeld of honorarium").fill("800");
    await page.getByLabel("Catering", { exact: true }).fill("200");
    await page.getByLabel("Aantal dagen met catering").fill("2");
    await page.getByLabel("Aantal personen").fill("3");
    await page.locator("#costs-catering-tied").check();
    await page.getByLabel("Examenkosten").fill("100");
    await page.locator("[data-field=subsidy]").waitFor();
    // 800 + 150 (€ 25 × 2 × 3); the exam fees never count: 950 at 30 %.
    assert.equal((await page.locator("[data-field=project_amount]").textContent()).trim(), "€ 950,00");
    const rows = await page.locator(".cost-lines tbody tr").evaluateAll((rs) => rs.map((r) => r.dataset.kind));
    assert.deepEqual(rows, ["fee", "catering", "exam_fees"]);
    assert.match(await page.locator(".cost-lines tr[data-kind=catering] .reason").textContent(), /€ 25,00 per persoon per dag/);
    // A count that is no number is named beside its field.
    await page.getByLabel("Aantal personen").fill("drie");
    await page.locator("#costs-catering-persons-error:not(:empty)").waitFor();
    await noOverflow(page);
    assert.deepEqual(await axeViolations(page), [], viewport);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${viewport}: the size wizard reasons with partner and linked enterprises`, async () => {
    const { page, context, problems } = await openPage(browser, viewport, { bypassCSP: true });
    await page.goto(`${BASE}/`);
    await page.getByRole("link", { name: "Welke grootte heeft mijn onderneming?" }).click();
    await page.getByRole("heading", { name: "Welke grootte heeft mijn onderneming?" }).waitFor();
    await page.locator("#own-staff_awu").fill("12,5");
    await page.locator("#own-turnover").fill("1.800.000,00");
    await page.locator("#own-balance_sheet_total").fill("900.000");
    await page.locator(".size-verdict").waitFor();
    assert.equal(await page.locator(".size-verdict").getAttribute("data-size"), "small");
    await page.getByRole("button", { name: "Onderneming toevoegen" }).click();
    await page.locator("#rel0-share").fill("30");
    await page.locator("#rel0-staff_awu").fill("140");
    await page.locator("#rel0-turnover").fill("20.000.000");
    await page.locator("#rel0-balance_sheet_total").fill("9.000.000");
    // 12.5 + 30 % of 140 = 54.5 AWU: not below 50, so medium.
    await page.locator(".size-verdict[data-size=medium]").waitFor();
    assert.equal(await page.locator("li[data-kind=partner]").count(), 1);
    assert.match(await page.locator("[data-code=size_medium]").textContent(), /Middelgrote onderneming/);
    await page.locator("#rel0-share").fill("130");
    await page.locator("#rel0-share-error:not(:empty)").waitFor();
    await page.locator("#rel0-share").fill("30");
    await noOverflow(page);
    assert.deepEqual(await axeViolations(page), [], viewport);
    await page.screenshot({ path: `${ARTIFACTS}size-wizard-${viewport}.png`, fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${viewport}: the embedded calculator shows "Hoe berekend?" too`, async () => {
    const { page, context } = await openPage(browser, viewport, { bypassCSP: true });
    await page.goto(`${BASE}/embed/frame?provider=DV.0104945&color=%23f0b400`);
    await page.getByLabel("Kost exclusief btw (€)").fill("980");
    await page.locator("[data-field=subsidy]").waitFor();
    await page.getByText("Hoe berekend?").click();
    const codes = await page.locator(".explanation li").evaluateAll((ls) => ls.map((l) => l.dataset.code));
    assert.ok(codes.includes("rate") && codes.includes("subsidy"), codes.join());
    assert.match(await page.locator(".explanation li[data-code=rate] .source").textContent(), /^Bron: /);
    assert.deepEqual(await axeViolations(page), [], viewport);
    await context.close();
  });
}
