// Validates an OpenAPI document: first against the official OpenAPI schema of its version
// (@seriousme/openapi-schema-validator, which also resolves every $ref), then by compiling
// every schema it holds as JSON Schema 2020-12 with Ajv (regular expressions in Unicode mode,
// as JSON Schema requires). Prints one JSON object; exits 1 when anything is wrong.
//   node validate.mjs openapi.json
import { readFile } from "node:fs/promises";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate.mjs FILE");
  process.exit(2);
}
const text = await readFile(file, "utf-8");
const document = JSON.parse(text);
const validator = new Validator();
// The validator resolves $refs in place, so it gets a copy of its own.
const result = await validator.validate(JSON.parse(text));
const errors = result.valid ? [] : [].concat(result.errors);
if (result.valid) {
  try {
    validator.resolveRefs();
  } catch (error) {
    errors.push({ message: "unresolvable $ref: " + (error?.message ?? error) });
  }
}

// Every schema object in the document, by JSON pointer.
const pointers = [];
const escape = (key) => String(key).replaceAll("~", "~0").replaceAll("/", "~1");
for (const key of Object.keys(document.components?.schemas ?? {})) {
  pointers.push(`/components/schemas/${escape(key)}`);
}
for (const [key, parameter] of Object.entries(document.components?.parameters ?? {})) {
  if (parameter.schema) pointers.push(`/components/parameters/${escape(key)}/schema`);
}
for (const [path, item] of Object.entries(document.paths ?? {})) {
  for (const [method, operation] of Object.entries(item)) {
    const base = `/paths/${escape(path)}/${method}`;
    (operation.parameters ?? []).forEach((parameter, i) => {
      if (parameter.schema) pointers.push(`${base}/parameters/${i}/schema`);
    });
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      for (const media of Object.keys(response.content ?? {})) {
        pointers.push(`${base}/responses/${escape(status)}/content/${escape(media)}/schema`);
      }
    }
  }
}
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(document, "openapi.json");
for (const pointer of pointers) {
  try {
    ajv.compile({ $ref: `openapi.json#${pointer}` });
  } catch (error) {
    errors.push({ pointer, message: error.message });
  }
}

console.log(JSON.stringify({
  valid: errors.length === 0,
  version: validator.version,
  bytes: Buffer.byteLength(text),
  paths: Object.keys(document.paths ?? {}).length,
  schemas: Object.keys(document.components?.schemas ?? {}).length,
  schemasCompiled: pointers.length,
  errors,
}, null, 1));
process.exit(errors.length === 0 ? 0 : 1);
