// Calls every write endpoint the document describes for one table and its database, with a token,
// and validates each request body against the request schema the document gives it and each
// response against the schema documented for its status (errors included). Prints one JSON
// object; exits 1 on any mismatch, undocumented endpoint or unexpected status.
//   node check-writes.mjs openapi.json http://127.0.0.1:PORT TOKEN DATABASE TABLE
// TABLE must be empty with columns id (integer primary key), title (text), score (real),
// data (blob) and note (text not null); the script drops it at the end.
import { readFile } from "node:fs/promises";
import { Ajv2020 } from "ajv/dist/2020.js";

const [file, origin, token, database, table] = process.argv.slice(2);
if (!table) {
  console.error("usage: node check-writes.mjs FILE ORIGIN TOKEN DATABASE TABLE");
  process.exit(2);
}
const document = JSON.parse(await readFile(file, "utf-8"));
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(document, "openapi.json");
const escape = (key) => String(key).replaceAll("~", "~0").replaceAll("/", "~1");
const base = (document.servers?.[0]?.url ?? "/").replace(/\/$/, "");

const failures = [];
let checked = 0;

function responseSchema(template, method, status) {
  const pointer = `#/paths/${escape(template)}/${method}/responses/${status}`;
  const response = document.paths[template][method].responses[status];
  if (!response) {
    return null;
  }
  const where = response.$ref ? response.$ref : pointer;
  return ajv.getSchema(`openapi.json${where}/content/application~1json/schema`);
}

// Sends a request to a documented operation; `valid` says whether the body is meant to satisfy the request schema.
async function call(template, method, values, body, status, valid = true, query = "") {
  const where = `${method.toUpperCase()} ${template}`;
  const operation = document.paths[template]?.[method];
  if (!operation) {
    failures.push({ where, error: "not documented" });
    return null;
  }
  if (!(operation.security ?? []).some((s) => "bearer" in s)) {
    failures.push({ where, error: "the operation does not name the bearer scheme" });
  }
  if (body !== undefined && operation.requestBody) {
    const validate = ajv.getSchema(`openapi.json#/paths/${escape(template)}/${method}/requestBody/content/application~1json/schema`);
    if (validate(body) !== valid) {
      failures.push({ where, body, error: valid ? "a body the server accepts fails the request schema" : "a body the server refuses passes the request schema", errors: validate.errors?.slice(0, 5) });
    }
  }
  let path = template;
  for (const [name, value] of Object.entries(values)) {
    path = path.replace(`{${name}}`, encodeURIComponent(value));
  }
  const response = await fetch(origin + base + path + query, {
    method: method.toUpperCase(),
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json();
  checked++;
  if (response.status !== status) {
    failures.push({ where, expected: status, status: response.status, answer });
    return answer;
  }
  const validate = responseSchema(template, method, String(status));
  if (!validate) {
    failures.push({ where, status, error: "no response documented for this status" });
  } else if (!validate(answer)) {
    failures.push({ where, status, answer, errors: validate.errors.slice(0, 5) });
  }
  return answer;
}

const db = `/${database}`;
const t = `${db}/${table}`;
const inserted = await call(`${t}/-/insert`, "post", {}, { row: { title: "first", score: 1.5, data: { $base64: true, encoded: "AAEC" }, note: "n" } }, 201);
await call(`${t}/-/insert`, "post", {}, { rows: [{ id: 10, title: "ten", note: "" }, { id: null, title: "auto", note: "" }], return: true }, 201);
await call(`${t}/-/insert`, "post", {}, { rows: [{ id: 10, title: "again", note: "" }], ignore: true }, 201);
await call(`${t}/-/insert`, "post", {}, { row: { nope: 1 } }, 400, false);
await call(`${t}/-/insert`, "post", {}, { rows: [{ id: 10, title: "twice", note: "" }] }, 400);
await call(`${t}/-/upsert`, "post", {}, { rows: [{ id: 10, title: "upserted" }, { id: 20, title: "new", note: "" }], return: true }, 200);
await call(`${t}/-/upsert`, "post", {}, { rows: [{ title: "no key" }] }, 400, false);
await call(`${t}/{pks}/-/update`, "post", { pks: "10" }, { update: { score: 2.5, data: null }, return: true }, 200);
await call(`${t}/{pks}/-/update`, "post", { pks: "999" }, { update: { score: 1 } }, 404);
await call(`${t}/-/set-column-type`, "post", {}, { column: "title", column_type: { type: "url" } }, 200);
await call(`${t}/-/set-column-type`, "post", {}, { column: "title", column_type: null }, 200);
await call(`${t}/-/alter`, "post", {}, { operations: [{ op: "add_column", args: { name: "extra", type: "integer" } }, { op: "rename_column", args: { name: "extra", to: "more" } }] }, 200);
await call(`${t}/-/alter`, "post", {}, { operations: [] }, 400, false);
await call(`${t}/{pks}/-/delete`, "post", { pks: String(inserted?.rows?.[0]?.id ?? 1) }, undefined, 200);
await call(`${db}/-/execute-write`, "post", {}, { sql: `insert into ${table} (title, note) values (:title, '') returning id, title`, params: { title: "sql" } }, 200);
await call(`${db}/-/execute-write`, "post", {}, { sql: `select 1` }, 400);
await call(`${db}/-/execute-write/analyze`, "get", {}, undefined, 200, true, `?sql=${encodeURIComponent(`delete from ${table}`)}`);
await call(`${db}/-/create`, "post", {}, { table: `${table}_made`, columns: [{ name: "id", type: "integer" }, { name: "at", type: "text", default_expr: "current_timestamp" }, { name: "label", not_null: true, default: "" }], pk: "id" }, 201);
await call(`${db}/-/create`, "post", {}, { table: `${table}_from_rows`, rows: [{ id: 1, name: "x" }], pk: "id" }, 201);
await call(`${t}/-/drop`, "post", {}, {}, 200);
await call(`${t}/-/drop`, "post", {}, { confirm: true }, 200);
console.log(JSON.stringify({ checked, failures }, null, 1));
process.exit(failures.length === 0 ? 0 : 1);
