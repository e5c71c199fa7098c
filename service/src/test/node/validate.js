// Checks notification payloads against vodhook's JSON Schema: SCHEMA names the schema file, PAYLOADS a JSON file of
// an array of payloads. Prints one line of JSON: {"ok": <how many>} or {"error": "..."} for the first that fails.
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(process.env.SCHEMA, "utf8")));
const payloads = JSON.parse(readFileSync(process.env.PAYLOADS, "utf8"));
for (const p of payloads) {
  if (!validate(p)) {
    console.log(JSON.stringify({ error: `${p.type} ${p.id}: ${ajv.errorsText(validate.errors)}` }));
    process.exit(0);
  }
}
console.log(JSON.stringify({ ok: payloads.length }));
