// Runs Kiota or NSwag (the pinned local dotnet tools) with the options of client-generators.json,
// which the C# tests read too, and fails on a Kiota warning that file does not accept:
//   node generate-client.mjs kiota CSharp|TypeScript DOCUMENT OUTPUT_DIR [NAMESPACE]
//   node generate-client.mjs nswag DOCUMENT OUTPUT_FILE NAMESPACE
// DOTNET names the dotnet command (default: dotnet).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const options = JSON.parse(readFileSync(join(here, "client-generators.json"), "utf8"));
const [generator, ...rest] = process.argv.slice(2);

// Kiota's generator now and then dies with a NullReferenceException from its parallel code
// generation (the same document then generates cleanly): that one crash is retried, nothing else.
const kiotaRace = /crit: Kiota\.Builder\.KiotaBuilder\[0\]\s+error generating the client:[^\n]*Object reference not set to an instance of an object/;

function dotnet(args, attempts = 1) {
  const run = spawnSync(process.env.DOTNET || "dotnet", args, {
    cwd: join(here, "..", ".."),
    encoding: "utf8",
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", KIOTA_CLI_TELEMETRY_OPTOUT: "true" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const text = (run.stdout ?? "") + (run.stderr ?? "");
  if (run.status !== 0 && attempts < 3 && kiotaRace.test(text)) {
    console.error(`${args.slice(2, 6).join(" ")}: Kiota's NullReferenceException crash, generating again`);
    return dotnet(args, attempts + 1);
  }
  if (run.status !== 0) {
    console.error(`${args.slice(2).join(" ")} failed (${run.status ?? run.error}):\n${text}`);
    process.exit(1);
  }
  return text;
}

if (generator === "kiota" && rest.length >= 3) {
  const [language, document, output, namespace] = rest;
  const args = ["tool", "run", "kiota", "--", "generate", "-l", language, "-d", document, "-o", output, ...options.kiota.arguments];
  const excluded = options.kiota.excludePaths[language];
  if (excluded) args.push("--exclude-path", excluded.path);
  if (namespace) args.push("-n", namespace);
  const text = dotnet(args);
  // Kiota's log entries are "warn: Category[id]" then the message on the next, indented line.
  const warnings = [...text.matchAll(/^(warn|fail|crit|info): [^\n]*\n\s+([^\n]*)/gm)]
    .filter((m) => m[1] !== "info")
    .map((m) => `${m[1]}: ${m[2].trim()}`)
    .filter((w) => !w.includes("Unable to check for updates"));
  const unexpected = warnings.filter((w) => !options.kiota.expectedWarnings.some((e) => w.includes(e.text)));
  if (unexpected.length > 0) {
    console.error(`kiota ${language} ${document}: warnings client-generators.json does not accept (docs/openapi.md):\n  ${unexpected.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`kiota ${language} ${document}: ${warnings.length} warnings, each accepted in client-generators.json`);
} else if (generator === "nswag" && rest.length === 3) {
  const [document, output, namespace] = rest;
  dotnet(["tool", "run", "nswag", "--", "openapi2csclient", `/input:${document}`, `/output:${output}`, `/namespace:${namespace}`, ...options.nswag.arguments]);
  console.log(`nswag ${document}: ${output}`);
} else {
  console.error("usage: node generate-client.mjs kiota CSharp|TypeScript DOCUMENT OUTPUT_DIR [NAMESPACE] | nswag DOCUMENT OUTPUT_FILE NAMESPACE");
  process.exit(2);
}
