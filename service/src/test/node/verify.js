// Verifies recorded webhook requests with the Standard Webhooks reference library, as an application would:
// REQUESTS names a JSON file of [{headers: {...}, body: "<raw body>"}], SECRET is the whsec_ secret.
// Prints one line of JSON: {"ok": [<the verified payloads>]} or {"error": "..."} for the first that fails.
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const wh = new Webhook(process.env.SECRET);
const requests = JSON.parse(readFileSync(process.env.REQUESTS, "utf8"));
const ok = [];
for (const r of requests) {
  try {
    ok.push(wh.verify(r.body, r.headers));
  } catch (e) {
    console.log(JSON.stringify({ error: `${r.headers["webhook-id"]}: ${e.message}` }));
    process.exit(0);
  }
}
console.log(JSON.stringify({ ok }));
