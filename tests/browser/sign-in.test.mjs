// Signing in on the production build (KMO_PROD_URL) through a real OpenID Provider
// (tests/idp.mjs), in headless Chromium at phone and desktop sizes, with an axe audit of each
// screen: no demo sign-in exists; a person for several organisations chooses one and can switch;
// a person without a right is sent back to a page that says why.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, addressedPages, auditedPage, signInThroughIdp } from "./support.mjs";

const PROD = process.env.KMO_PROD_URL;
if (!PROD) throw new Error("KMO_PROD_URL must point at the production build (scripts/test.sh sets it)");

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

let opener;
const page = (viewport) => (opener ??= addressedPages(browser, "203.0.113"))(viewport);
const audited = (p, viewport, screen) => auditedPage(p, viewport, `sign-in-${screen}`);
const signInAs = (p, name) => signInThroughIdp(p, PROD, name);

for (const viewport of ["phone", "desktop"]) {
  test(`${viewport}: only the government's sign-in; several organisations: choose, then switch`, async () => {
    const { page: p, context, problems } = await page(viewport);
    await p.goto(`${PROD}/aanmelden`);
    await p.getByRole("heading", { name: "Aanmelden", exact: true }).waitFor();
    await p.waitForLoadState("networkidle");
    assert.equal(await p.getByText("Demo-aanmelding").count(), 0, "no demo sign-in in production");
    await audited(p, viewport, "page");

    await signInAs(p, "Jan Claes");
    await p.waitForURL(`${PROD}/aanmelden/kiezen`);
    await p.getByRole("heading", { name: "Voor welke organisatie treedt u op?" }).waitFor();
    assert.equal(await p.locator(".choices button").count(), 3);
    await audited(p, viewport, "choose");

    await p.getByRole("button", { name: "Onderneming: Drukkerij Janssens bv (0412345614)" }).click();
    await p.getByRole("heading", { name: "Uw kmo-portefeuille overzicht" }).waitFor();
    assert.equal(new URL(p.url()).pathname, "/portefeuille");

    // Wisselen van organisatie: now as the provider.
    await p.getByRole("link", { name: "Wisselen van organisatie" }).click();
    await p.getByRole("button", { name: /^Dienstverlener: Opleidingscentrum Vlaanderen/ }).click();
    await p.waitForURL(`${PROD}/dienstverlener`);
    const me = await (await p.request.get(`${PROD}/api/v1/me`)).json();
    assert.equal(me.role, "provider");
    assert.equal(me.subject, "DV.O222774");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${viewport}: a person without a right is sent back to a page that says why`, async () => {
    const { page: p, context, problems } = await page(viewport);
    await signInAs(p, "Piet Zonder");
    await p.waitForURL(`${PROD}/aanmelden?fout=no_organisation`);
    const alert = p.getByRole("alert");
    await alert.getByRole("heading", { name: "Aanmelden is niet gelukt" }).waitFor();
    assert.match(await alert.textContent(), /geen toegang tot de kmo-portefeuille/);
    // Not signed in: the session cookie was never set.
    assert.equal((await p.request.get(`${PROD}/api/v1/me`)).status(), 401);
    await audited(p, viewport, "refused");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${viewport}: "Vraag deze subsidie aan" signs in through the government and opens the wizard filled in`, async () => {
    const { page: p, context, problems } = await page(viewport);
    await p.goto(`${PROD}/`);
    await p.getByLabel("Thema", { exact: true }).selectOption("innovatie");
    await p.getByLabel("Kost exclusief btw (€)").fill("980");
    await p.getByRole("link", { name: "Vraag deze subsidie aan" }).click();
    await p.getByRole("heading", { name: "Aanmelden", exact: true }).waitFor();
    await p.getByRole("link", { name: "Aanmelden via de overheid" }).click();
    await p.getByRole("button", { name: "Aanmelden als Eva Peeters" }).click();
    await p.getByRole("heading", { name: "1. Activiteit van uw onderneming" }).waitFor();
    const url = new URL(p.url());
    assert.equal(url.pathname, "/aanvraag");
    assert.equal(url.searchParams.get("theme"), "innovatie");
    const draft = await p.evaluate(() => JSON.parse(localStorage.getItem("kmo-aanvraag-0403227515")));
    assert.deepEqual([draft.service, draft.theme, draft.cost], ["training", "innovatie", "980.00"]);
    // Signed out, the wizard's page first asked who is signed in (401): the browser logs it.
    assert.deepEqual(problems.filter((m) => !/status of 401/.test(m)), []);
    await context.close();
  });
}
