// Issue 13 in headless Chromium at 360 and 1280 px, each with axe: "Hoe berekend?" in the
// simulator and in the embeddable calculator, costs split by kind, and the size wizard (public,
// and in the portal's size declaration).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, apiSimulate, axeViolations, pageCall, shift, today, BASE, ARTIFACTS } from "./support.mjs";

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

  // Enterprises in the KBO sample without a wallet on the development server: each viewport
  // registers its own, so its size is not fixed by an application yet.
  const newcomer = { phone: "0823456754", desktop: "0551234568" }[viewport];

  test(`${viewport}: the portal proposes the size from the enterprise's own figures and keeps them`, async () => {
    const { page, context, problems } = await openPage(browser, viewport, { bypassCSP: true });
    const call = pageCall(page);
    await page.goto(`${BASE}/aanmelden`);
    await page.getByRole("heading", { name: "Aanmelden", exact: true }).waitFor();
    const signedIn = await call("POST", "/api/v1/dev/sign-in", { role: "enterprise", subject: newcomer, user_name: "Nina Nieuw" });
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    const me = await call("GET", "/api/v1/me");
    assert.equal(me.body.must_register, true, "a KBO enterprise without a wallet yet");
    const registered = await call("POST", "/api/v1/registration", {
      email: "boekhouding@example.be", refund_iban: "BE68 5390 0754 7034",
      public_participation: "0", size: "small", confirmed: true,
    });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));

    await page.goto(`${BASE}/portefeuille`);
    await page.getByRole("heading", { name: "Bevestig grootte onderneming" }).waitFor();
    await page.getByText("Bereken de grootte met de cijfers van uw onderneming").click();
    await page.locator("#own-staff_awu").fill("40");
    await page.locator("#own-turnover").fill("6.000.000,00");
    await page.locator("#own-balance_sheet_total").fill("4.000.000");
    await page.locator(".size-verdict[data-size=small]").waitFor();
    assert.ok(await page.locator("#size-choice-small").isChecked(), "the proposal is chosen");
    // A partner (30 %) with 100 AWU: 40 + 30 = 70, so medium is proposed.
    await page.getByRole("button", { name: "Onderneming toevoegen" }).click();
    await page.locator("#rel0-share").fill("30");
    await page.locator("#rel0-staff_awu").fill("100");
    await page.locator("#rel0-turnover").fill("15.000.000");
    await page.locator("#rel0-balance_sheet_total").fill("9.000.000");
    await page.locator(".size-verdict[data-size=medium]").waitFor();
    assert.ok(await page.locator("#size-choice-medium").isChecked(), "the proposal follows the figures");
    await noOverflow(page);
    assert.deepEqual(await axeViolations(page), [], viewport);
    await page.screenshot({ path: `${ARTIFACTS}size-declaration-${viewport}.png`, fullPage: true });
    // Declaring against the figures is refused by the API and said on the page.
    await page.locator("#size-choice-small").check();
    await page.getByRole("button", { name: "Bevestig", exact: true }).click();
    await page.getByText("Volgens de cijfers die u invulde, is uw onderneming een middelgrote onderneming").waitFor();
    await page.locator("#size-choice-medium").check();
    await page.getByRole("button", { name: "Bevestig", exact: true }).click();
    await page.locator("[data-field=size]", { hasText: "Middelgrote onderneming" }).waitFor();
    const profile = await call("GET", "/api/v1/enterprise");
    assert.equal(profile.body.size, "medium");
    assert.equal(profile.body.size_figures.relations[0].figures.staff_awu, "100");

    // Next time the wizard starts from the figures given.
    await page.reload();
    await page.locator(".size-verdict[data-size=medium]").waitFor();
    assert.equal(await page.locator("#own-turnover").inputValue(), "6000000,00");
    assert.equal(await page.locator("#rel0-share").inputValue(), "30");
    // The browser logs the refused declaration's 422 as a failed resource; nothing else.
    assert.deepEqual(problems.filter((p) => !/status of 422/.test(p)), []);
    await context.close();
  });

  test(`${viewport}: the application wizard splits costs by kind and applies for what counts`, async () => {
    const { page, context, problems } = await openPage(browser, viewport, { bypassCSP: true });
    await page.goto(`${BASE}/aanmelden`);
    await page.getByRole("heading", { name: "Aanmelden", exact: true }).waitFor();
    const call = pageCall(page);
    const signedIn = await call("POST", "/api/v1/dev/sign-in", { role: "enterprise", subject: newcomer, user_name: "Nina Nieuw" });
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    // Registered by the size declaration's test before it, or now.
    if ((await call("GET", "/api/v1/me")).body.must_register) {
      const registered = await call("POST", "/api/v1/registration", {
        email: "boekhouding@example.be", refund_iban: "BE68 5390 0754 7034",
        public_participation: "0", size: "small", confirmed: true,
      });
      assert.equal(registered.status, 201, JSON.stringify(registered.body));
    }
    await page.goto(`${BASE}/aanvraag`);
    await page.getByRole("heading", { name: "1. Activiteit van uw onderneming" }).waitFor();
    await page.getByLabel("NACE-code van uw hoofdactiviteit (5 cijfers)").fill("62010");
    await page.getByRole("button", { name: "Ga verder »" }).click();
    await page.getByRole("heading", { name: "2. Vul uw projectgegevens in" }).waitFor();
    const t = await today();
    await page.getByLabel("Naam opleiding of advies").fill("Boekhouden voor kmo's");
    await page.getByLabel("Thema", { exact: true }).selectOption("digitalisering");
    await page.getByLabel("Subthema").selectOption("software");
    await page.getByLabel("Totaal aantal te presteren uren").fill("16");
    await page.getByLabel("Naam en voornaam van de deelnemers").fill("Nina Nieuw");
    await page.getByLabel("Datum inschrijving of overeenkomst").fill(shift(t, -2));
    await page.getByLabel("Startdatum").fill(shift(t, 3));
    await page.getByLabel("Ja", { exact: true }).check();
    await page.getByLabel("Kosten opsplitsen").check();
    await page.getByLabel("Inschrijvingsgeld of honorarium").fill("800");
    await page.getByLabel("Catering", { exact: true }).fill("200");
    await page.getByLabel("Aantal dagen met catering").fill("twee");
    await page.getByLabel("Aantal personen").fill("3");
    await page.locator("#costs-catering-tied").check();
    await page.getByLabel("Examenkosten").fill("100");
    // A count that is no number keeps the person in step 2, named beside its field.
    await page.getByRole("button", { name: "Ga verder »" }).click();
    await page.locator("#costs-catering-days-error:not(:empty)").waitFor();
    await page.getByLabel("Aantal dagen met catering").fill("2");
    // 800 + 150 (€ 25 × 2 × 3); the exam fees never count: the project amount is 950.
    await page.locator("[data-field=project_amount]", { hasText: "€ 950,00" }).waitFor();
    const rows = await page.locator(".cost-lines tbody tr").evaluateAll((rs) => rs.map((r) => r.dataset.kind));
    assert.deepEqual(rows, ["fee", "catering", "exam_fees"]);
    await noOverflow(page);
    assert.deepEqual(await axeViolations(page), [], viewport);
    await page.screenshot({ path: `${ARTIFACTS}wizard-costs-${viewport}.png`, fullPage: true });
    await page.getByRole("button", { name: "Ga verder »" }).click();

    await page.getByRole("heading", { name: "3. Geef uw dienstverlener in" }).waitFor();
    await page.getByLabel("Registratienummer (DV.O…) of naam").fill("DV.O123456");
    await page.getByRole("button", { name: "Zoek" }).click();
    await page.getByRole("button", { name: "Selecteer dienstverlener kmo-portefeuille" }).click();
    await page.getByRole("heading", { name: "Uw geselecteerde dienstverlener" }).waitFor();
    await page.getByRole("button", { name: "Ga verder »" }).click();
    await page.getByRole("heading", { name: "4. Bevestiging van uw subsidieaanvraag" }).waitFor();
    for (const id of ["declaration", "no_related_party", "participants_are_workers", "attendance_at_least_80"]) {
      await page.locator(`#${id}`).check();
    }
    await page.getByRole("button", { name: "Aanvraag indienen" }).click();
    await page.getByRole("heading", { name: "5. Dossiernummer en stortingsgegevens" }).waitFor();
    const dossier = (await page.locator("[data-field=dossier_number]").textContent()).trim();
    const project = await call("GET", `/api/v1/projects/${dossier}`);
    assert.equal(project.body.project_amount, "950.00");
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
