// A stand-in OpenID Connect identity provider on loopback, for the sign-in tests only.
// /authorize sends the browser straight back with a code (the test names the enterprise with
// login_hint); /token checks the client secret and the PKCE verifier; /userinfo answers the
// claims. Usage: node tests/fake-idp.mjs PORT
import { createServer } from "node:http";
import { createHash, randomBytes } from "node:crypto";

const port = Number(process.argv[2] || 8792);
const CLIENT_ID = "kmo-portefeuille-test";
const CLIENT_SECRET = "test-secret";
const codes = new Map(); // code -> { challenge, enterprise, redirect }
const tokens = new Map(); // access token -> claims

const b64url = (buf) => buf.toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

createServer((req, res) => {
  const url = new URL(req.url, `http://127.0.0.1:${port}`);
  if (url.pathname === "/authorize") {
    const q = url.searchParams;
    if (q.get("client_id") !== CLIENT_ID || q.get("code_challenge_method") !== "S256" || q.get("response_type") !== "code") {
      res.writeHead(400).end("bad authorize request");
      return;
    }
    const code = b64url(randomBytes(16));
    codes.set(code, { challenge: q.get("code_challenge"), enterprise: q.get("login_hint") || "", redirect: q.get("redirect_uri") });
    const back = new URL(q.get("redirect_uri"));
    back.searchParams.set("code", code);
    back.searchParams.set("state", q.get("state"));
    res.writeHead(302, { location: back.toString() }).end();
    return;
  }
  if (url.pathname === "/token" && req.method === "POST") {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const f = new URLSearchParams(body);
      const grant = codes.get(f.get("code"));
      codes.delete(f.get("code"));
      const pkce = grant && b64url(createHash("sha256").update(f.get("code_verifier") || "").digest()) === grant.challenge;
      if (!grant || !pkce || f.get("client_secret") !== CLIENT_SECRET || f.get("redirect_uri") !== grant.redirect) {
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "invalid_grant" }));
        return;
      }
      const token = b64url(randomBytes(24));
      tokens.set(token, { sub: `user-${grant.enterprise}`, name: "Eva Peeters", kbo_number: grant.enterprise });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ access_token: token, token_type: "Bearer" }));
    });
    return;
  }
  if (url.pathname === "/userinfo") {
    const claims = tokens.get((req.headers.authorization || "").replace(/^Bearer /, ""));
    if (!claims) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(claims));
    return;
  }
  res.writeHead(404).end();
}).listen(port, "127.0.0.1", () => console.log(`fake identity provider on http://127.0.0.1:${port}`));
