// The enterprise and provider portals in headless Chromium, at phone and desktop sizes: a new
// enterprise signs in, applies in five steps, deposits (through the operator endpoint), pays
// in two parts and rates; a provider refuses an application; an enterprise stops a project;
// an enterprise downloads its project's calendar file and sees the reminders still to come;
// the operator sends a parked mail again once the provider's address is put right.
// Every amount asserted comes from the API. Screenshots go to tests/artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, apiSimulate, devSession, axeViolations, pageCall, shift, today, euro, typed, BASE, ARTIFACTS } from "./support.mjs";

let browser;
let operator;
before(async () => {
  browser = await launch();
  operator = await devSession("operator", "tester");
});
after(async () => { await browser?.close(); });


async function shot(page, name, viewport) {
  await page.screenshot({ path: `${ARTIFACTS}portal-${name}-${viewport}.png`, fullPage: true });
}

async function audited(page, viewport, screen) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${screen} at ${viewport}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${screen} at ${viewport} is ${overflow}px wider than the viewport`);
}

async function signInThroughPage(page, role, subject, name) {
  await page.goto(`${BASE}/aanmelden`);
  await page.getByRole("heading", { name: "Aanmelden", exact: true }).waitFor();
  await page.getByLabel(role === "provider" ? "Dienstverlener" : "Onderneming", { exact: true }).first().check();
  await page.locator("#subject").selectOption(subject);
  await page.getByLabel("Je naam").fill(name);
  await page.getByRole("button", { name: "Aanmelden" }).click();
}

/** An application made directly through the API (for the refusal and stop walks). */
async function applyByApi(session, provider, theme, subtheme, cost) {
  const t = await today();
  const body = {
    nace: "62010", service: "training", name: `Opleiding ${theme}`, training_kind: "classroom",
    theme, hours: "8", participants: ["Els Maes"], enrolled_on: shift(t, -2), starts_on: shift(t, 3),
    contributes_to_business: true, cost, provider, declaration_accepted: true,
    no_related_party: true, participants_are_workers: true, attendance_at_least_80: true,
  };
  if (subtheme) body.subtheme = subtheme;
  const a = await session.call("POST", "/api/v1/applications", body, { "idempotency-key": `t-${Date.now()}-${Math.random()}` });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  return a.body;
}

const WALKS = { phone: "0434567819", desktop: "0445678970" };

for (const [viewport, enterprise] of Object.entries(WALKS)) {
  test(`${viewport}: a new enterprise signs in, applies in five steps, deposits, pays twice and rates`, async () => {
    const { page, context, problems } = await openPage(browser, viewport, { bypassCSP: true });
    const api = async (path) => (await page.request.get(`${BASE}${path}`)).json();

    // Sign-in, then the overview.
    await signInThroughPage(page, "enterprise", enterprise, "Wout Wouters");
    await page.getByRole("heading", { name: "Uw kmo-portefeuille overzicht" }).waitFor();
    const profile = await api("/api/v1/enterprise");
    await page.locator("[data-field=remaining]").waitFor();
    assert.equal(await page.locator("[data-field=remaining]").textContent(), euro(profile.budget.remaining));
    assert.match(await page.locator("[data-field=size]").textContent(), new RegExp(profile.size_label));
    if (!profile.size_fixed_for_year) {
      assert.ok(await page.getByRole("heading", { name: "Bevestig grootte onderneming" }).isVisible());
    }
    await audited(page, viewport, "overview");
    await shot(page, "overview", viewport);

    // Step 1: the NACE code, checked as typed.
    await page.getByRole("link", { name: "Nieuwe subsidie aanvragen" }).click();
    await page.getByRole("heading", { name: "1. Activiteit van uw onderneming" }).waitFor();
    const nace = page.getByLabel("NACE-code van uw hoofdactiviteit (5 cijfers)");
    await nace.fill("620");
    await page.locator("#nace-error:not(:empty)").waitFor();
    assert.equal(await nace.getAttribute("aria-invalid"), "true");
    await nace.fill("62010");
    assert.equal(await nace.getAttribute("aria-invalid"), "false");
    await audited(page, viewport, "wizard step 1");
    await shot(page, "wizard-1", viewport);
    await page.getByRole("button", { name: "Ga verder »" }).click();

    // Step 2: the project, with the amounts computed live.
    await page.getByRole("heading", { name: "2. Vul uw projectgegevens in" }).waitFor();
    const t = await today();
    await page.getByLabel("Naam opleiding of advies").fill("Veilig online werken");
    await page.getByLabel("Thema", { exact: true }).selectOption("digitalisering");
    await page.getByLabel("Subthema").selectOption("software");
    await page.getByLabel("Totaal aantal te presteren uren").fill("16");
    await page.getByLabel("Naam en voornaam van de deelnemers").fill("Wout Wouters\nLies Wouters");
    await page.getByLabel("Datum inschrijving of overeenkomst").fill(shift(t, -5));
    await page.getByLabel("Startdatum").fill(shift(t, 3));
    await page.getByLabel("Ja", { exact: true }).check();
    await page.getByLabel("Kost exclusief de niet-toegestane kosten en exclusief btw (€)").fill("1.250,00");
    await page.locator("[data-field=subsidy]").waitFor();
    const sim = await apiSimulate({
      size: profile.size, service: "training", theme: "digitalisering", subtheme: "software",
      cost: "1250.00", date: t, used_this_year: profile.budget.reserved,
    });
    assert.equal(await page.locator("[data-field=subsidy]").textContent(), euro(sim.body.subsidy));
    assert.equal(await page.locator("[data-field=own_contribution]").textContent(), euro(sim.body.own_contribution));
    await audited(page, viewport, "wizard step 2");
    await shot(page, "wizard-2", viewport);

    // The draft survives a reload.
    await page.reload();
    await page.getByRole("heading", { name: "2. Vul uw projectgegevens in" }).waitFor();
    assert.equal(await page.getByLabel("Naam opleiding of advies").inputValue(), "Veilig online werken");
    await page.getByRole("button", { name: "Ga verder »" }).click();

    // Step 3: a provider without the theme gets the manual's message; then the right one.
    await page.getByRole("heading", { name: "3. Geef uw dienstverlener in" }).waitFor();
    const q = page.getByLabel("Registratienummer (DV.O…) of naam");
    await q.fill("Cyberveilig");
    await page.getByRole("button", { name: "Zoek" }).click();
    await page.getByRole("button", { name: "Selecteer Cyberveilig Advies nv" }).click();
    await page.getByText("Vermits uw dienstverlener dit thema niet gelinkt heeft").waitFor();
    await q.fill("DV.O123456");
    await page.getByRole("button", { name: "Zoek" }).click();
    await page.locator("li[data-provider='DV.O123456'] .stars").waitFor();
    await page.getByRole("button", { name: "Selecteer dienstverlener kmo-portefeuille" }).click();
    await page.getByRole("heading", { name: "Uw geselecteerde dienstverlener" }).waitFor();
    await audited(page, viewport, "wizard step 3");
    await shot(page, "wizard-3", viewport);

    // Back and forth keeps everything.
    await page.getByRole("button", { name: "« Ga terug" }).click();
    await page.getByRole("heading", { name: "2. Vul uw projectgegevens in" }).waitFor();
    assert.equal(await page.getByLabel("Kost exclusief de niet-toegestane kosten en exclusief btw (€)").inputValue(), "1.250,00");
    await page.getByRole("button", { name: "Ga verder »" }).click();
    await page.getByRole("heading", { name: "Uw geselecteerde dienstverlener" }).waitFor();
    await page.getByRole("button", { name: "Ga verder »" }).click();

    // Step 4: the declaration on honour is required.
    await page.getByRole("heading", { name: "4. Bevestiging van uw subsidieaanvraag" }).waitFor();
    await page.getByRole("button", { name: "Aanvraag indienen" }).click();
    await page.getByText("Opgelet, u moet uw akkoord geven over de verklaring op eer.").waitFor();
    await page.getByText("Toon de volledige verklaring").click();
    await page.getByText("de minimis", { exact: false }).first().waitFor();
    await page.locator("#declaration").check();
    // Each statement the rules need is ticked on its own; one missing is named.
    await page.getByRole("button", { name: "Aanvraag indienen" }).click();
    await page.locator("#declarations-error li[data-code=related_party_not_excluded]").waitFor();
    await page.locator("#no_related_party").check();
    await page.locator("#participants_are_workers").check();
    await page.locator("#attendance_at_least_80").check();
    await audited(page, viewport, "wizard step 4");
    await shot(page, "wizard-4", viewport);
    await page.getByRole("button", { name: "Aanvraag indienen" }).click();

    // Step 5: dossier number and deposit details with the EPC QR code.
    await page.getByRole("heading", { name: "5. Dossiernummer en stortingsgegevens" }).waitFor();
    const dossier = (await page.locator("[data-field=dossier_number]").textContent()).trim();
    assert.match(dossier, /^\d{4}KMO\d{6}$/);
    const project = await api(`/api/v1/projects/${dossier}`);
    assert.equal(await page.locator("[data-field=deposit_amount]").textContent(), euro(project.own_contribution));
    assert.equal(await page.locator("[data-field=communication]").textContent(), project.communication);
    assert.ok(await page.locator("svg.qr path").isVisible(), "the EPC QR code is drawn");
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), `kmo-aanvraag-${enterprise}`), null, "the draft is cleared");
    await audited(page, viewport, "wizard step 5");
    await shot(page, "wizard-5", viewport);
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".top").isVisible(), false, "the print view shows only the deposit");
    assert.ok(await page.locator("svg.qr").isVisible());
    await shot(page, "deposit-print", viewport);
    await page.emulateMedia({ media: "screen" });

    // The deposit arrives (operator import of the bank entry).
    const dep = await operator.call("POST", "/api/v1/operator/bank-entries", { entries: [{
      entry_ref: `portal-${dossier}`, booked_on: t, amount: project.own_contribution, currency: "EUR", credit: true,
      communication: project.communication, counterparty_name: "Wouters", counterparty_iban: "BE68539007547034",
    }] });
    assert.equal(dep.status, 200, JSON.stringify(dep.body));

    // The project page: running, with its timeline.
    await page.goto(`${BASE}/project/${dossier}`);
    await page.getByRole("heading", { name: "Tijdlijn" }).waitFor();
    const running = await api(`/api/v1/projects/${dossier}`);
    assert.equal(await page.locator("[data-field=status]").textContent(), running.status_label);
    assert.equal(await page.locator("[data-field=available]").textContent(), euro(running.available));
    await audited(page, viewport, "project");
    await shot(page, "project", viewport);

    // A partial payment, then the rest.
    await page.getByRole("link", { name: "Betalen" }).click();
    await page.getByRole("heading", { name: "Betaling aan dienstverlener" }).waitFor();
    await page.getByLabel("Te betalen bedrag excl. btw (€)").fill("99999");
    await page.locator("#amount-error:not(:empty)").waitFor();
    await page.getByLabel("Te betalen bedrag excl. btw (€)").fill("100,00");
    await page.getByLabel("Referentienummer").fill("F2026-001");
    await page.getByLabel("Vrije mededeling").fill("Factuur 2026-001");
    await audited(page, viewport, "pay");
    await shot(page, "pay", viewport);
    await page.getByRole("button", { name: "Betalen aan dienstverlener" }).click();
    await page.locator("[data-field=paid_amount]").waitFor();
    assert.equal(await page.locator("[data-field=paid_amount]").textContent(), "€ 100,00");
    const afterFirst = await api(`/api/v1/projects/${dossier}`);
    assert.equal(await page.locator("[data-field=available]").first().textContent(), euro(afterFirst.available));

    await page.goto(`${BASE}/project/${dossier}/betalen`);
    await page.getByLabel("Te betalen bedrag excl. btw (€)").fill(typed(afterFirst.available));
    await page.getByLabel("Referentienummer").fill("F2026-002");
    await page.getByLabel("Vrije mededeling").fill("Factuur 2026-002");
    await page.getByRole("button", { name: "Betalen aan dienstverlener" }).click();
    await page.locator("[data-field=paid_amount]").waitFor();
    const finished = await api(`/api/v1/projects/${dossier}`);
    assert.equal(finished.status, "finished");

    // The rating: stars, counted text, consent to publish.
    await page.getByRole("link", { name: "Beoordelen" }).click();
    await page.getByRole("heading", { name: "Beoordeel uw dienstverlener" }).waitFor();
    await page.getByRole("button", { name: "Bevestig" }).click();
    await page.locator("#stars-error:not(:empty)").waitFor();
    await page.getByLabel("4 sterren").check();
    await page.getByLabel("Toelichting (max. 500 tekens)").fill("Duidelijke en praktische opleiding.");
    assert.match(await page.locator("#rating-count").textContent(), /Nog 465 van 500 tekens/);
    await page.getByLabel("Mijn naam en bedrijfsnaam mogen").check();
    await audited(page, viewport, "rate");
    await shot(page, "rate", viewport);
    await page.getByRole("button", { name: "Bevestig" }).click();
    await page.getByText("Uw beoordeling werd geregistreerd").waitFor();

    // The overview lists the finished project; the notifications list what was sent.
    await page.goto(`${BASE}/portefeuille`);
    const row = page.locator(`tr[data-dossier='${dossier}'] [data-field=status]`);
    await row.waitFor();
    assert.equal(await row.textContent(), finished.status_label);
    await shot(page, "overview-after", viewport);
    await page.getByRole("link", { name: "Meldingen" }).click();
    await page.getByRole("heading", { name: "Meldingen" }).waitFor();
    // The screen shows the first page, as the API's first page holds it.
    const notes = await api("/api/v1/notifications");
    assert.ok(notes.notifications.length > 0);
    await page.locator(".mails li").first().waitFor();
    assert.equal(await page.locator(".mails li").count(), notes.notifications.length);
    await audited(page, viewport, "notifications");
    await shot(page, "notifications", viewport);

    assert.deepEqual(problems, []);
    await context.close();
  });
}

for (const viewport of ["phone", "desktop"]) {
  test(`${viewport}: a provider refuses an application with a reason`, async () => {
    const ent = await devSession("enterprise", "0423456765");
    const app = await applyByApi(ent, "DV.O222774", "bedrijfsstrategie", null, "600.00");
    const { page, context, problems } = await openPage(browser, viewport, { bypassCSP: true });
    await signInThroughPage(page, "provider", "DV.O222774", "Piet Opleider");
    await page.getByRole("heading", { name: "Aanvragen die u als dienstverlener vermelden" }).waitFor();
    const card = page.locator(`li.application[data-dossier='${app.dossier_number}']`);
    await card.waitFor();
    await card.getByRole("button", { name: "Aanvraag weigeren" }).click();
    await card.getByLabel("Reden van de weigering").fill("Deze opleiding valt buiten ons aanbod");
    // RULES.md §3: a related provider must refuse, and says so.
    await card.getByLabel(/De onderneming en mijn organisatie zijn verbonden/).check();
    await audited(page, viewport, "provider portal");
    await card.getByRole("button", { name: "Weigering bevestigen" }).click();
    await page.locator(`li.application[data-dossier='${app.dossier_number}'] [data-field=status]`, { hasText: "Geweigerd" }).waitFor();
    const told = (await ent.call("GET", "/api/v1/notifications?limit=100")).body.notifications
      .find((n) => n.subject.includes(app.dossier_number) && n.body.includes("geweigerd"));
    assert.ok(told?.body.includes("Verbonden onderneming: ") && told.body.includes("valt buiten ons aanbod"), told?.body);
    await page.locator("[data-field=total]").waitFor();
    await audited(page, viewport, "provider portal after the refusal");
    await shot(page, "provider", viewport);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${viewport}: a provider with many applications shows more on demand and finds one by its number`, async () => {
    const ent = await devSession("enterprise", "0423456765");
    const app = await applyByApi(ent, "DV.O222774", "bedrijfsstrategie", null, "500.00");
    const op = await devSession("operator", "operator");
    const made = await op.call("POST", `/api/v1/dev/projects/${app.dossier_number}/copies`, { count: 30 });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const { page, context, problems } = await openPage(browser, viewport, { bypassCSP: true });
    await signInThroughPage(page, "provider", "DV.O222774", "Piet Opleider");
    await page.getByRole("heading", { name: "Aanvragen die u als dienstverlener vermelden" }).waitFor();
    const cards = page.locator("li.application");
    await page.locator(`li.application[data-dossier='${made.body.last}']`).waitFor();
    assert.equal(await cards.count(), 25, "a page of 25, newest first");
    await audited(page, viewport, "provider portal with more to show");
    await page.getByRole("button", { name: "Meer tonen" }).click();
    await page.locator(`li.application[data-dossier='${app.dossier_number}']`).waitFor();
    assert.ok(await cards.count() > 25);
    // Found by its dossier number in the search field: that application alone.
    await page.getByLabel("Dossiernummer of onderneming").fill(app.dossier_number.toLowerCase());
    await page.waitForFunction(() => document.querySelectorAll("li.application").length === 1);
    await page.locator(`li.application[data-dossier='${app.dossier_number}']`).waitFor();
    assert.equal(await page.getByRole("button", { name: "Meer tonen" }).count(), 0);
    // The spreadsheet file of what the filters find: that application, with its enterprise.
    const href = await page.getByRole("link", { name: "Download deze aanvragen als spreadsheet (CSV)" }).getAttribute("href");
    assert.equal(href, `/api/v1/provider/projects.csv?q=${app.dossier_number.toLowerCase()}`);
    const file = await page.evaluate(async (h) => (await fetch(h, { credentials: "include" })).text(), href);
    assert.equal(file.trim().split("\r\n").length, 2, file);
    assert.ok(file.includes(`${app.dossier_number};Opleiding bedrijfsstrategie;`), file);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${viewport}: a fully paid project is stopped with its cause, and waits for the provider`, async () => {
    const ent = await devSession("enterprise", "0423456765");
    const app = await applyByApi(ent, "DV.O123456", "digitalisering", "software", "300.00");
    const dossier = app.dossier_number;
    const dep = await operator.call("POST", "/api/v1/operator/bank-entries", { entries: [{
      entry_ref: `paid-${dossier}`, booked_on: await today(), amount: app.own_contribution, currency: "EUR",
      credit: true, communication: app.deposit.communication, counterparty_name: "Maes",
      counterparty_iban: "BE71096123456769",
    }] });
    assert.equal(dep.body.results[0].outcome, "credited", JSON.stringify(dep.body));
    const paid = await ent.call("POST", `/api/v1/projects/${dossier}/payments`,
      { amount: app.project_amount, reference: "F-1", communication: "Factuur 1" },
      { "idempotency-key": `paid-${dossier}` });
    assert.equal(paid.body.project.status, "finished", JSON.stringify(paid.body));

    const { page, context, problems } = await openPage(browser, viewport, { bypassCSP: true });
    await signInThroughPage(page, "enterprise", "0423456765", "Els Maes");
    await page.getByRole("heading", { name: "Uw kmo-portefeuille overzicht" }).waitFor();
    await page.goto(`${BASE}/project/${dossier}/stopzetten`);
    await page.getByRole("heading", { name: `Project stopzetten ${dossier}` }).waitFor();
    const statement = await page.locator("[data-field=refund-statement]").textContent();
    assert.match(statement, /al aan de dienstverlener betaald/);
    assert.ok(statement.includes(euro(app.project_amount)), statement);
    await page.getByLabel("Reden van de stopzetting").fill("De opleiding werd geannuleerd");
    // The cause is asked (RULES.md §7 cases 3 and 4) and required.
    await page.getByRole("button", { name: "Project definitief stopzetten" }).click();
    await page.locator("#cause-error:not(:empty)").waitFor();
    await page.getByLabel("De dienstverlener annuleert de dienst").check();
    await audited(page, viewport, "stop fully paid");
    await page.getByRole("button", { name: "Project definitief stopzetten" }).click();
    await page.getByText("Je dienstverlener krijgt een mail om het ontvangen bedrag terug te betalen").waitFor();
    const after = await ent.call("GET", `/api/v1/projects/${dossier}`);
    assert.equal(after.body.status, "awaiting_recovery");
    assert.equal(await page.locator("[data-field=status]").textContent(), `Het project is stopgezet. Status: ${after.body.status_label}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${viewport}: an enterprise stops a project and is told what goes back`, async () => {
    const ent = await devSession("enterprise", "0423456765");
    const app = await applyByApi(ent, "DV.O223914", "duurzaamheid", null, "500.00");
    const { page, context, problems } = await openPage(browser, viewport, { bypassCSP: true });
    await signInThroughPage(page, "enterprise", "0423456765", "Els Maes");
    await page.getByRole("heading", { name: "Uw kmo-portefeuille overzicht" }).waitFor();
    // The embeddable calculator links to the wizard with the provider preselected.
    await page.goto(`${BASE}/aanvraag?provider=DV.O123456`);
    await page.getByRole("heading", { name: "1. Activiteit van uw onderneming" }).waitFor();
    const draft = await page.evaluate(() => JSON.parse(localStorage.getItem("kmo-aanvraag-0423456765")));
    assert.equal(draft.provider, "DV.O123456");
    // The simulator's "Vraag deze subsidie aan" opens the wizard with its choices filled in.
    await page.goto(`${BASE}/`);
    await page.getByLabel("Thema", { exact: true }).selectOption("digitalisering");
    await page.getByLabel("Subthema").selectOption("cybersecurity");
    await page.getByLabel("Kost exclusief btw (€)").fill("1.250,00");
    await page.getByRole("link", { name: "Vraag deze subsidie aan" }).click();
    await page.getByRole("heading", { name: "1. Activiteit van uw onderneming" }).waitFor();
    const prefilled = await page.evaluate(() => JSON.parse(localStorage.getItem("kmo-aanvraag-0423456765")));
    assert.deepEqual(
      [prefilled.service, prefilled.theme, prefilled.subtheme, prefilled.cost],
      ["training", "digitalisering", "cybersecurity", "1250.00"],
    );
    assert.equal(prefilled.provider, "DV.O123456", "the provider chosen before stays");
    await page.getByRole("link", { name: "Mijn portefeuille" }).click();
    await page.locator(`tr[data-dossier='${app.dossier_number}'] a`, { hasText: "Stopzetten" }).click();
    await page.getByRole("heading", { name: `Project stopzetten ${app.dossier_number}` }).waitFor();
    const statement = await page.locator("[data-field=refund-statement]").textContent();
    assert.ok(statement.includes(euro(app.subsidy)), statement);
    await page.getByRole("button", { name: "Project definitief stopzetten" }).click();
    await page.locator("#reason-error:not(:empty)").waitFor();
    await page.getByLabel("Reden van de stopzetting").fill("Opleiding geannuleerd");
    await audited(page, viewport, "stop");
    await shot(page, "stop", viewport);
    await page.getByRole("button", { name: "Project definitief stopzetten" }).click();
    await page.getByText("Het project is stopgezet").waitFor();
    const after = await ent.call("GET", `/api/v1/projects/${app.dossier_number}`);
    assert.equal(after.body.status, "stopped");
    assert.deepEqual(problems, []);
    await context.close();
  });
}

/** shared::api::session::MailStatus::label_nl: a mail's status as the notifications show it. */
const MAIL_STATUS = {
  pending: "wordt verstuurd", sending: "wordt verstuurd", sent: "verstuurd",
  held: "wacht op de bevestiging van uw e-mailadres", failed: "niet verstuurd",
};
/** "Status: verstuurd op 21/04/2026", or the status alone while the mail is not sent. */
const STATUS_LINE = new RegExp(`^Status: (${Object.values(MAIL_STATUS).join("|")})( op \\d{2}/\\d{2}/\\d{4})?$`);
/** "2026-04-21" → "21/04/2026", as shared::format::date writes it. */
const belgian = (iso) => iso.slice(0, 10).split("-").reverse().join("/");

for (const viewport of ["phone", "desktop"]) {
  test(`${viewport}: an enterprise puts a project's deadlines in its calendar and sees the reminders to come`, async () => {
    const ent = await devSession("enterprise", "0423456765");
    const app = await applyByApi(ent, "DV.O222774", "personeelsmanagement", null, "400.00");
    const dossier = app.dossier_number;
    const { page, context, problems } = await openPage(browser, viewport, { bypassCSP: true });
    const api = async (path) => (await page.request.get(`${BASE}${path}`)).json();
    await signInThroughPage(page, "enterprise", "0423456765", "Els Maes");
    await page.getByRole("heading", { name: "Uw kmo-portefeuille overzicht" }).waitFor();

    // The project page links its deadlines as a calendar file, fetched with the session cookie.
    await page.goto(`${BASE}/project/${dossier}`);
    await page.getByRole("heading", { name: "Tijdlijn" }).waitFor();
    const link = page.getByRole("link", { name: "Zet in mijn agenda" });
    await link.waitFor();
    const href = await link.getAttribute("href");
    assert.equal(href, `/api/v1/projects/${dossier}/calendar.ics`);
    assert.equal(await link.getAttribute("download"), `kmo-portefeuille-${dossier.replaceAll("/", "-")}.ics`);
    const ics = await page.evaluate(async (url) => {
      const r = await fetch(url, { credentials: "include" });
      return { status: r.status, type: r.headers.get("content-type") || "", text: await r.text() };
    }, href);
    assert.equal(ics.status, 200, ics.text);
    assert.match(ics.type, /^text\/calendar/);
    // RFC 5545 folds lines longer than 75 octets: unfolded, the dossier number reads whole.
    const unfolded = ics.text.replace(/\r\n[ \t]/g, "");
    assert.ok(unfolded.includes("BEGIN:VCALENDAR"), unfolded);
    assert.ok(unfolded.includes(dossier), unfolded);
    await audited(page, viewport, "project with its calendar link");
    await shot(page, "project-calendar", viewport);

    // The notifications: the reminders still to come, as the API lists them, then the mails.
    await page.getByRole("link", { name: "Meldingen" }).click();
    await page.getByRole("heading", { name: "Herinneringen die nog komen" }).waitFor();
    const notes = await api("/api/v1/notifications?limit=100");
    const coming = notes.upcoming.filter((u) => u.dossier_number === dossier);
    const items = page.locator(`.upcoming li[data-dossier='${dossier}']`);
    assert.equal(await items.count(), coming.length);
    for (const [i, u] of coming.entries()) {
      const text = await items.nth(i).textContent();
      assert.ok(text.includes(belgian(u.on)) && text.includes(u.about), text);
    }
    // The application was mailed; the mail queue may move its status on meanwhile.
    assert.ok(notes.notifications.length > 0);
    const status = page.locator(".mails li [data-field=mail-status]").first();
    await status.waitFor();
    assert.match((await status.textContent()).trim(), STATUS_LINE);
    await audited(page, viewport, "notifications with the reminders to come");
    await shot(page, "notifications-reminders", viewport);

    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("phone: a signed-out visitor of a portal page is asked to sign in, and the API's failure is explained", async () => {
  const { page, context } = await openPage(browser, "phone", { bypassCSP: true });
  await page.goto(`${BASE}/portefeuille`);
  await page.getByRole("heading", { name: "Aanmelden", exact: true }).waitFor();
  assert.ok(await page.getByRole("link", { name: "Aanmelden via de overheid" }).isVisible());
  await audited(page, "phone", "sign-in");
  await shot(page, "sign-in", "phone");
  // The network fails while the overview loads: a clear message, no crash.
  await signInThroughPage(page, "enterprise", "0434567819", "Wout Wouters");
  await page.getByRole("heading", { name: "Uw kmo-portefeuille overzicht" }).waitFor();
  await page.route("**/api/v1/enterprise", (route) => route.abort());
  await page.getByRole("link", { name: "Mijn portefeuille" }).click();
  await page.getByText("De kmo-portefeuille is niet bereikbaar").first().waitFor();
  await context.close();
});

/** Asks `probe` every 300 ms until it answers something, for at most `ms`. */
async function until(probe, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found) return found;
    assert.ok(Date.now() < end, `${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

test("desktop: the operator sends a parked mail again once the provider's address is put right", async () => {
  const viewport = "desktop";
  const provider = "DV.O990520";
  const registered = {
    name: "Opleidingen geweigerd adres (browser)", address: "Testlaan 3, 1000 Brussel",
    email: "browser-geweigerd@example.be", services: ["training"],
    themes: [{ theme: "financiele-geletterdheid" }], suspended: false,
  };
  const fixed = "opleidingen@example.be";
  const { page, context, problems } = await openPage(browser, viewport, { bypassCSP: true });
  // The operator signs in from the page: its calls carry the page's own session cookie.
  const call = pageCall(page);
  await page.goto(`${BASE}/aanmelden`);
  await page.getByRole("heading", { name: "Aanmelden", exact: true }).waitFor();
  const signedIn = await call("POST", "/api/v1/dev/sign-in", { role: "operator", subject: "tester", user_name: "Olga Beheer" });
  assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));

  // A provider whose address the development mail service refuses (not an allowed recipient).
  const saved = await call("PUT", `/api/v1/operator/providers/${provider}`, registered);
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const ent = await devSession("enterprise", "0456789034");
  const app = await applyByApi(ent, provider, "financiele-geletterdheid", "boekhouding", "600.00");
  const dossier = app.dossier_number;

  // Its notice is tried 3 times (MAIL_MAX_ATTEMPTS in development), then parked.
  const parked = await until(async () => {
    const list = await call("GET", "/api/v1/operator/mails?limit=100");
    assert.equal(list.status, 200, JSON.stringify(list.body));
    return list.body.mails.find((m) => m.role === "provider" && m.subject.includes(dossier));
  }, 40_000, `the provider's notice of ${dossier} parked`);
  assert.equal(parked.recipient, registered.email);
  assert.equal(parked.status, "failed");
  assert.equal(parked.attempts, 3);

  // The operator's screen lists it, with the action named after the mail.
  await page.goto(`${BASE}/beheer`);
  await page.getByRole("heading", { name: "Niet verstuurde mails" }).waitFor();
  const row = page.locator(`tr[data-mail='${parked.id}']`);
  await row.waitFor();
  assert.equal((await row.locator("[data-field=status]").textContent()).trim(), "niet verstuurd");
  assert.ok((await row.textContent()).includes(registered.email));
  assert.ok(await page.getByRole("columnheader", { name: "Actie" }).isVisible());
  await page.getByText("\"Opnieuw versturen\" verstuurt de mail opnieuw").waitFor();
  await audited(page, viewport, "operator parked mails");
  await shot(page, "operator-parked-mails", viewport);

  // The address put right (and the test provider out of the directory), the mail goes again.
  const put = await call("PUT", `/api/v1/operator/providers/${provider}`, { ...registered, email: fixed, suspended: true });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  await row.getByRole("button", { name: `Opnieuw versturen: ${parked.subject}`, exact: true }).click();
  await page.locator("[role=status]", { hasText: "De mail staat opnieuw in de wachtrij." }).waitFor();
  await row.waitFor({ state: "detached" });
  assert.equal(await page.evaluate(() => document.activeElement?.id), "parked-title");
  await audited(page, viewport, "operator parked mails after sending one again");

  // Sent once, to the address on file now.
  const sent = await until(async () => {
    const outbox = await call("GET", "/api/v1/dev/outbox");
    const mail = outbox.body.mails.find((m) => m.id === parked.id);
    return mail?.status === "sent" && mail;
  }, 40_000, `mail ${parked.id} sent`);
  assert.equal(sent.recipient, fixed);
  assert.equal(sent.attempts, 1);

  assert.deepEqual(problems, []);
  await context.close();
});
