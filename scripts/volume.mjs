// The volume benchmark (run by hand, not part of the test command): a Flemish year in local D1 —
// 55,000 enterprises and 125,000 projects across the statuses and the last five years, one
// provider with 10,000 of them — and the p50/p95 time and the D1 queries (the development
// build's Server-Timing) of the interactive requests against it.
//
//   bash scripts/build.sh && node scripts/volume.mjs        (after scripts/test.sh installed the tools)
//
// It prepares a fresh local state (scripts/db.sh), makes one template project per status through
// the API, copies them 125,000 times with one SQL statement per table (wrangler d1 execute, the
// server stopped), starts the development build again and measures. Figures go in the README.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
const PORT = Number(process.env.KMO_VOLUME_PORT || 8796);
const BASE = `http://127.0.0.1:${PORT}`;
const ENTERPRISES = 55_000;
const PROJECTS = 125_000;
const BIG_PROVIDER = "DV.O123456";
const BIG_SHARE = 12; // one project in 12 names the big provider: about 10,400
const SMALL = "0403227515";
const SAMPLES = Number(process.env.KMO_VOLUME_SAMPLES || 200);

const state = mkdtempSync(join(tmpdir(), "kmo-volume-"));
const sh = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] }).toString();

let server;
async function start() {
  server = spawn("wrangler", ["dev", "--env", "dev", "--ip", "127.0.0.1", "--port", String(PORT),
    "--inspector-port", "9234", "--persist-to", state, "--var", `PUBLIC_ORIGIN:${BASE}`,
    "--show-interactive-dev-session=false"], { cwd: ROOT, detached: true, stdio: "ignore" });
  for (let i = 0; i < 240; i++) {
    try { if ((await fetch(`${BASE}/api/v1/health`)).ok) return; } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not start");
}
function stop() {
  try { process.kill(-server.pid, "SIGTERM"); } catch {}
}
process.on("exit", stop);

async function session(role, subject) {
  const r = await fetch(`${BASE}/api/v1/dev/sign-in`, { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ role, subject, user_name: "Volume" }) });
  const cookie = (r.headers.get("set-cookie") || "").split(";")[0];
  return async (method, path, body, headers = {}) => {
    const t0 = performance.now();
    const res = await fetch(`${BASE}${path}`, { method, headers: { cookie, origin: BASE,
      ...(body ? { "content-type": "application/json" } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    const ms = performance.now() - t0;
    const timing = res.headers.get("server-timing") || "";
    const queries = Number((timing.match(/desc="(\d+) quer/) || [])[1] ?? NaN);
    return { status: res.status, body: text ? JSON.parse(text) : {}, ms, queries };
  };
}

const day = (d) => d.toISOString().slice(0, 10);
function application(today, provider, name) {
  const t = new Date(today);
  const shift = (n) => day(new Date(t.getTime() + n * 86400000));
  return { nace: "62.010", service: "training", name, training_kind: "classroom", theme: "digitalisering",
    subtheme: "software", hours: "8", participants: ["Jan Peeters"], enrolled_on: shift(-2), starts_on: shift(3),
    contributes_to_business: true, cost: "500.00", provider, declaration_accepted: true, no_related_party: true,
    participants_are_workers: true, attendance_at_least_80: true };
}

// One project per status, through the API: the templates every copy takes its state from.
async function templates() {
  const ent = await session("enterprise", SMALL);
  const op = await session("operator", "operator");
  const today = (await (await fetch(`${BASE}/api/v1/dev/clock`)).json()).today;
  const made = [];
  for (const [i, kind] of ["awaiting", "running", "paid", "stopped"].entries()) {
    const a = await ent("POST", "/api/v1/applications", application(today, BIG_PROVIDER, `Volume ${kind}`), { "idempotency-key": `vol-${i}-${Date.now()}` });
    if (a.status !== 201) throw new Error(JSON.stringify(a.body));
    const d = a.body.dossier_number;
    if (kind !== "awaiting") {
      await op("POST", "/api/v1/operator/bank-entries", { entries: [{ entry_ref: `vol-${i}-${Date.now()}`, booked_on: today,
        amount: a.body.deposit.amount, currency: "EUR", credit: true, communication: a.body.deposit.communication,
        counterparty_name: "Volume", counterparty_iban: "BE68539007547034" }] });
    }
    if (kind === "paid") await ent("POST", `/api/v1/projects/${d}/payments`, { amount: "100.00", reference: "V", communication: "V" }, { "idempotency-key": `vp-${Date.now()}` });
    if (kind === "stopped") await ent("POST", `/api/v1/projects/${d}/stop`, { reason: "Volume" });
    made.push(d);
  }
  return made;
}

// 55,000 enterprises and 125,000 projects, each table in one statement.
function volumeSql(dossiers) {
  const list = dossiers.map((d) => `'${d}'`).join(",");
  return `
WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${ENTERPRISES})
INSERT INTO enterprises (number, name, email, refund_iban, declared, registered_by, email_confirmed_at)
SELECT printf('%08d%02d', 10000000 + n, 97 - ((10000000 + n) % 97)), 'Onderneming ' || n, 'o' || n || '@volume.example',
       e.refund_iban, e.declared, 'volume', datetime('now')
FROM enterprises e, seq WHERE e.number = '${SMALL}';

WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${PROJECTS}),
t AS (SELECT p.*, row_number() OVER (ORDER BY p.id) - 1 AS k FROM projects p WHERE p.dossier_number IN (${list})),
g AS (SELECT n, 2022 + (n % 5) AS y, 500000 + n AS s FROM seq)
INSERT INTO projects (dossier_number, communication, enterprise_number, provider_number, year, name, service, theme,
  subtheme, form, accepted, state, status, project_cents, deposit_by, closes_on, op, idempotency_key, applied_by, created_at)
SELECT g.y || 'KMO' || printf('%06d', g.s),
       printf('%010d%02d', g.y * 1000000 + g.s, CASE (g.y * 1000000 + g.s) % 97 WHEN 0 THEN 97 ELSE (g.y * 1000000 + g.s) % 97 END),
       CASE WHEN g.n % 5000 = 0 THEN '${SMALL}'
            ELSE printf('%08d%02d', 10000000 + (g.n % ${ENTERPRISES}) + 1, 97 - ((10000000 + (g.n % ${ENTERPRISES}) + 1) % 97)) END,
       CASE WHEN g.n % ${BIG_SHARE} = 0 THEN '${BIG_PROVIDER}' ELSE 'DV.0104945' END,
       g.y, t.name, t.service, t.theme, t.subtheme, t.form, t.accepted, t.state, t.status, t.project_cents,
       t.deposit_by, t.closes_on, t.op, NULL, t.applied_by, t.created_at
FROM g JOIN t ON t.k = g.n % ${dossiers.length};
`;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(name, call) {
  const times = [];
  let queries = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const a = await call(i);
    if (a.status >= 300) throw new Error(`${name}: ${a.status} ${JSON.stringify(a.body)}`);
    times.push(a.ms);
    if (!Number.isNaN(a.queries)) queries = Math.max(queries, a.queries);
  }
  times.sort((x, y) => x - y);
  const row = { name, p50: percentile(times, 50).toFixed(1), p95: percentile(times, 95).toFixed(1), queries };
  console.log(`| ${row.name} | ${row.p50} ms | ${row.p95} ms | ${row.queries} |`);
  return row;
}

console.log(`state: ${state}`);
sh("bash", ["scripts/db.sh", state]);
await start();
const dossiers = await templates();
stop();
await new Promise((r) => setTimeout(r, 2000));
const file = join(state, "volume.sql");
writeFileSync(file, volumeSql(dossiers));
const t0 = performance.now();
sh("wrangler", ["d1", "execute", "DB", "--local", "--persist-to", state, "--file", file]);
console.log(`seeded ${ENTERPRISES} enterprises and ${PROJECTS} projects in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
await start();

const ent = await session("enterprise", SMALL);
const prov = await session("provider", BIG_PROVIDER);
const today = (await (await fetch(`${BASE}/api/v1/dev/clock`)).json()).today;
const first = await prov("GET", "/api/v1/provider/projects");
const later = (await prov("GET", `/api/v1/provider/projects?limit=100&cursor=${first.body.next_cursor}`)).body.next_cursor;
const mine = (await ent("GET", "/api/v1/enterprise/projects")).body.projects;
// The template that is running with a payment made: movements and payments to show, money left.
const payable = dossiers[2];
console.log(`provider ${BIG_PROVIDER}: a first page of ${first.body.projects.length}; enterprise ${SMALL}: ${mine.length} on its first page`);
console.log("| request | p50 | p95 | D1 queries (most) |");
console.log("|---|---|---|---|");
await measure("enterprise overview (GET /enterprise/projects)", () => ent("GET", "/api/v1/enterprise/projects"));
await measure("project detail (GET /projects/{dossier})", () => ent("GET", `/api/v1/projects/${payable}`));
await measure("provider portal, first page", () => prov("GET", "/api/v1/provider/projects"));
await measure("provider portal, a later page", () => prov("GET", `/api/v1/provider/projects?cursor=${later}`));
await measure("provider portal, search by enterprise name", () => prov("GET", "/api/v1/provider/projects?q=onderneming%20123"));
await measure("provider search (GET /providers?q=)", () => ent("GET", "/api/v1/providers?q=opleid"));
await measure("simulate (POST /simulate)", () => ent("POST", "/api/v1/simulate", { size: "small", service: "training", theme: "digitalisering", subtheme: "software", cost: "980.00" }));
await measure("apply (POST /applications)", (i) => ent("POST", "/api/v1/applications", { ...application(today, BIG_PROVIDER, `Meting ${i}`), cost: "100.00" }, { "idempotency-key": `vm-${i}-${Date.now()}` }));
await measure("pay (POST /projects/{dossier}/payments)", (i) => ent("POST", `/api/v1/projects/${payable}/payments`, { amount: "0.01", reference: `M${i}`, communication: "Meting" }, { "idempotency-key": `vpay-${i}-${Date.now()}` }));
stop();
