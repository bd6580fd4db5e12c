// First-time registration (000, procedure step 2) on the production build (KMO_PROD_URL), signed
// in through the OpenID Provider (tests/idp.mjs), in headless Chromium at phone and desktop sizes
// with an axe audit of each screen: an enterprise that is only in the KBO data lands on
// /registreren, sees what the KBO says about it, is told what is wrong, registers once and lands
// on its overview; an enterprise that may not register sees every reason and no form.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, devSession, BASE, addressedPages, auditedPage, signInThroughIdp } from "./support.mjs";

const PROD = process.env.KMO_PROD_URL;
if (!PROD) throw new Error("KMO_PROD_URL must point at the production build (scripts/test.sh sets it)");

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

let opener;
const page = (viewport) => (opener ??= addressedPages(browser, "198.51.100"))(viewport);
const audited = (p, viewport, screen) => auditedPage(p, viewport, `registration-${screen}`);
const signInAs = (p, name) => signInThroughIdp(p, PROD, name);

/** `dd/mm/yyyy` of the API's `YYYY-MM-DD`, as shared::format::date writes it. */
const shown = (iso) => iso.split("-").reverse().join("/");
const api = async (p, path) => (await p.request.get(`${PROD}${path}`)).json();

// Two eligible natural persons of the KBO sample without a wallet: one per viewport, since an
// enterprise registers once only.
const ENTERPRISES = {
  phone: { person: "Koen De Wilde", name: "De Wilde, Koen", number: "0823.456.754", place: "Brugge" },
  desktop: { person: "Sara Claes", name: "Claes, Sara", number: "0551.234.568", place: "Gent" },
};

for (const [viewport, e] of Object.entries(ENTERPRISES)) {
  test(`${viewport}: an enterprise only in the KBO registers once and lands on its overview`, async () => {
    const { page: p, context, problems } = await page(viewport);
    await signInAs(p, e.person);
    // The sign-in lands on the overview, which sends an enterprise without a wallet on.
    await p.waitForURL(`${PROD}/registreren`);
    await p.getByRole("heading", { name: "Uw onderneming registreren" }).waitFor();
    const view = await api(p, "/api/v1/registration");
    assert.deepEqual(view.reasons, []);
    const facts = p.locator("dl.kbo");
    await facts.waitFor();
    const text = await facts.textContent();
    for (const fact of [e.name, e.number, "Natuurlijk persoon", "Actief", shown(view.kbo.start_date),
      `${view.kbo.main_activity.shown} – ${view.kbo.main_activity.label} (NACE-BEL 2025)`]) {
      assert.ok(text.includes(fact), `${fact} in ${text}`);
    }
    assert.match(await p.locator(".establishments").textContent(), new RegExp(`${e.place} \\(2\\.000\\.100\\.\\d{3}\\)`));
    assert.equal(await p.locator("[data-field=kbo_date]").textContent(), `Gegevens uit de KBO van ${shown(view.kbo.updated_on)}`);
    // Until it registers, the enterprise's other screens are not offered.
    assert.equal(await p.getByRole("link", { name: "Nieuwe aanvraag" }).count(), 0);
    await audited(p, viewport, "form");

    // A wrong IBAN and a public participation of 30 %: the IBAN's message beside the field (the
    // API's 400) and the participation's as it is typed.
    await p.getByLabel("E-mailadres voor alle briefwisseling").fill(`info@${e.place.toLowerCase()}.example`);
    await p.getByLabel("Rekeningnummer voor terugbetalingen").fill("BE68 5390 0754 7035");
    await p.getByLabel("Participatie van de overheid in %").fill("30");
    await p.getByRole("radio", { name: /^Kleine onderneming/ }).check();
    await p.getByLabel("Ik verklaar op eer dat deze gegevens juist zijn").check();
    await p.getByRole("button", { name: "Registreren", exact: true }).click();
    const ibanError = p.locator("#refund_iban-error");
    await ibanError.filter({ hasText: /\S/ }).waitFor();
    assert.match(await ibanError.textContent(), /^Rekeningnummer voor terugbetalingen: /);
    assert.equal(await p.getByLabel("Rekeningnummer voor terugbetalingen").getAttribute("aria-invalid"), "true");
    assert.match(await p.locator("#public_participation-error").textContent(), /minder dan 25 procent/);
    assert.match(await p.locator("form .problems").textContent(), /Rekeningnummer voor terugbetalingen: /);
    assert.equal((await api(p, "/api/v1/me")).must_register, true, "nothing registered yet");
    await audited(p, viewport, "errors");

    // The IBAN right, the participation still 30 %: the API refuses (422), the reason in the alert.
    await p.getByLabel("Rekeningnummer voor terugbetalingen").fill("BE68 5390 0754 7034");
    assert.equal(await ibanError.textContent(), "", "a corrected field loses its message");
    await p.getByRole("button", { name: "Registreren", exact: true }).click();
    await p.locator("form .problems").filter({ hasText: "minder dan 25 procent" }).waitFor();
    assert.equal(new URL(p.url()).pathname, "/registreren");

    // Right: registered, on to the overview with what the KBO says.
    await p.getByLabel("Participatie van de overheid in %").fill("0");
    await p.getByRole("button", { name: "Registreren", exact: true }).click();
    await p.getByRole("heading", { name: "Uw kmo-portefeuille overzicht" }).waitFor();
    assert.equal(new URL(p.url()).pathname, "/portefeuille");
    const kboDate = p.locator("[data-field=kbo_date]");
    await kboDate.waitFor();
    assert.equal(await kboDate.textContent(), `Gegevens uit de KBO van ${shown(view.kbo.updated_on)}`);
    assert.match(await p.locator("dl.kbo").textContent(), new RegExp(e.name));
    assert.ok(await p.getByText("E-mailadres nog niet bevestigd").isVisible());
    const profile = await api(p, "/api/v1/enterprise");
    assert.equal(profile.email, `info@${e.place.toLowerCase()}.example`);
    assert.equal(profile.refund_iban, "BE68539007547034");
    assert.deepEqual(profile.reasons, []);
    await audited(p, viewport, "overview");

    // Registered for good: a reload stays on the overview, the registration screen is no more,
    // and a second registration is refused.
    await p.reload();
    await p.getByRole("heading", { name: "Uw kmo-portefeuille overzicht" }).waitFor();
    assert.equal(new URL(p.url()).pathname, "/portefeuille");
    assert.equal((await api(p, "/api/v1/me")).must_register, false);
    await p.goto(`${PROD}/registreren`);
    await p.getByRole("heading", { name: "Uw kmo-portefeuille overzicht" }).waitFor();
    assert.equal(new URL(p.url()).pathname, "/portefeuille");
    const again = await p.request.post(`${PROD}/api/v1/registration`, {
      headers: { origin: PROD },
      data: { email: "x@y.example", refund_iban: "BE68539007547034", public_participation: "0", size: "small", confirmed: true },
    });
    assert.equal(again.status(), 409);
    // The browser logs the two refused tries, and nothing else.
    assert.deepEqual(problems, [400, 422].map((status) =>
      `console: Failed to load resource: the server responded with a status of ${status} (${status === 400 ? "Bad Request" : "Unprocessable Entity"})`));
    await context.close();
  });

  test(`${viewport}: an enterprise that may not register sees every reason and no form`, async () => {
    const { page: p, context, problems } = await page(viewport);
    await signInAs(p, "Vera Vandamme");
    await p.waitForURL(`${PROD}/registreren`);
    const alert = p.locator(".problems[role=alert]");
    await alert.waitFor();
    assert.match(await alert.textContent(), /Uw onderneming kan zich niet registreren voor de kmo-portefeuille:/);
    const codes = await alert.locator("li").evaluateAll((items) => items.map((li) => li.dataset.code));
    assert.deepEqual(codes.sort(), ["enterprise_vzw", "establishment_not_flemish", "main_activity_not_acceptable"]);
    assert.match(await p.locator("dl.kbo").textContent(), /Association Tout Faux asbl/);
    assert.ok(await p.getByText("Geen vestigingseenheid in het Vlaams Gewest.").isVisible());
    assert.equal(await p.locator("form").count(), 0, "no form");
    assert.equal(await p.getByRole("button", { name: "Registreren", exact: true }).count(), 0);
    await audited(p, viewport, "refused");
    // Its other screens send it back here.
    await p.goto(`${PROD}/aanvraag`);
    await p.getByRole("heading", { name: "Uw onderneming registreren" }).waitFor();
    assert.equal(new URL(p.url()).pathname, "/registreren");
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// The link mailed to a new e-mail address (development build: its outbox shows the mail). A demo
// enterprise with a wallet changes its address; the link's page confirms it once, on click.
const CONFIRMING = { phone: "0423456765", desktop: "0445678970" };
for (const [viewport, number] of Object.entries(CONFIRMING)) {
  test(`${viewport}: the link mailed to a new address confirms it, once`, async () => {
    const session = await devSession("enterprise", number);
    const email = `bevestig-${viewport}@example.be`;
    const changed = await session.call("PATCH", "/api/v1/enterprise", { email });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.email_confirmed, false);
    const outbox = await (await fetch(`${BASE}/api/v1/dev/outbox`)).json();
    const mail = outbox.mails.find((m) => m.subject_id === number && m.recipient === email);
    assert.ok(mail, "the confirmation mail");
    const link = mail.body.split(/\s+/).find((w) => w.includes("/e-mailadres-bevestigen#"));
    const path = link.slice(link.indexOf("/e-mailadres-bevestigen#"));

    const { page: p, context, problems } = await openPage(browser, viewport, { bypassCSP: true });
    await p.goto(`${BASE}${path}`);
    await p.getByRole("heading", { name: "E-mailadres bevestigen" }).waitFor();
    await audited(p, viewport, "confirm");
    await p.getByRole("button", { name: "E-mailadres bevestigen" }).click();
    await p.getByRole("status").filter({ hasText: email }).waitFor();
    assert.equal((await session.call("GET", "/api/v1/enterprise")).body.email_confirmed, true);
    // Used: a second try says the link is no longer valid.
    await p.reload();
    await p.getByRole("button", { name: "E-mailadres bevestigen" }).click();
    await p.getByRole("alert").filter({ hasText: "niet (meer) geldig" }).waitFor();
    await audited(p, viewport, "confirm-used");
    // An incomplete link says so.
    await p.goto(`${BASE}/e-mailadres-bevestigen#abc`);
    await p.getByText("Deze link is onvolledig.", { exact: false }).waitFor();
    assert.deepEqual(problems.filter((m) => !m.includes("404")), []);
    await context.close();
  });
}
