// Fetches real responses from a running instance and validates each against the schema its
// OpenAPI document gives: the operation's 200 for the default shape, and the response listed
// under x-response-variants for the arguments that select another (arrays, array, arrayfirst,
// object shapes and _labels=on for every table and view, one row of each table, every stored
// query). Prints one JSON object; exits 1 on any mismatch or when a variant is not documented.
//   node check-responses.mjs openapi.json http://127.0.0.1:PORT
import { readFile } from "node:fs/promises";
import { Ajv2020 } from "ajv/dist/2020.js";

const [file, origin] = process.argv.slice(2);
if (!file || !origin) {
  console.error("usage: node check-responses.mjs FILE ORIGIN");
  process.exit(2);
}
const document = JSON.parse(await readFile(file, "utf-8"));
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(document, "openapi.json");
const escape = (key) => String(key).replaceAll("~", "~0").replaceAll("/", "~1");
const tilde = (value) => [...new TextEncoder().encode(String(value))]
  .map((b) => /[A-Za-z0-9_-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : b === 32 ? "+" : "~" + b.toString(16).toUpperCase().padStart(2, "0"))
  .join("");
const base = (document.servers?.[0]?.url ?? "/").replace(/\/$/, "");

const failures = [];
let checked = 0;
// The schema for these arguments: the variant keyed by the ones that change the type, else the 200.
// _labels on a table without foreign keys changes nothing, so no variant is listed for it.
function schemaFor(template, query) {
  const variants = document.paths[template].get["x-response-variants"] ?? {};
  const selecting = (query ?? "").split("&").filter((a) => /^_(shape|nl|labels?)=/.test(a)).join("&");
  if (!selecting || (selecting === "_labels=on" && !(selecting in variants))) {
    return ajv.getSchema(`openapi.json#/paths/${escape(template)}/get/responses/200/content/application~1json/schema`);
  }
  if (!(selecting in variants)) {
    return null;
  }
  return ajv.getSchema(`openapi.json#/paths/${escape(template)}/get/x-response-variants/${escape(selecting)}/content/application~1json/schema`);
}

async function check(path, template, query) {
  const validate = schemaFor(template, query);
  const url = origin + base + path + (query ? "?" + query : "");
  const response = await fetch(url);
  const body = await response.json();
  checked++;
  if (response.status !== 200) {
    failures.push({ url, status: response.status, body });
    return body;
  }
  if (validate === null) {
    failures.push({ url, error: "no response documented for these arguments" });
  } else if (!validate(body)) {
    failures.push({ url, errors: validate.errors.slice(0, 5) });
  }
  return body;
}

for (const [template, item] of Object.entries(document.paths)) {
  const operation = item.get;
  const id = operation?.operationId ?? "";
  if (id.endsWith("Rows")) {
    const variants = operation["x-response-variants"] ?? {};
    const keyed = "_shape=object" in variants;
    const page = await check(template, template, "_size=100");
    for (const query of ["_size=100&_shape=arrays", "_size=100&_shape=array", "_size=100&_shape=arrayfirst", "_size=100&_labels=on",
      "_size=2&_extra=count,columns,all_columns,primary_keys,column_details,human_description_en,query,database,table,is_view,private,metadata,extras,facets_timed_out,suggested_facets"]) {
      await check(template, template, query);
    }
    if (keyed) {
      await check(template, template, "_size=100&_shape=object");
    }
    const rowTemplate = template.replace(/\.json$/, "/{pks}.json");
    const first = page?.rows?.[0];
    if (document.paths[rowTemplate] && first) {
      const rowid = document.paths[rowTemplate].get.parameters[0].description.startsWith("The row's rowid");
      const keys = rowid ? ["rowid"] : (await (await fetch(origin + base + template + "?_size=0&_extra=primary_keys")).json()).primary_keys;
      const values = keys.map((k) => first[k]);
      // A BLOB key has no URL form to test here; such rows are left out.
      if (!values.some((v) => v !== null && typeof v === "object")) {
        await check(rowTemplate.replace("{pks}", values.map(tilde).join(",")), rowTemplate, "_extra=columns,column_details,foreign_key_tables");
      }
    }
  } else if (id.endsWith("Query") || id.startsWith("instance") || id.endsWith("Database")) {
    await check(template, template, "");
  } else if (id.endsWith("Sql")) {
    await check(template, template, "sql=" + encodeURIComponent("select 1 as one, 'two' as two"));
  }
}
console.log(JSON.stringify({ valid: failures.length === 0, checked, failures }, null, 1));
process.exit(failures.length === 0 ? 0 : 1);
