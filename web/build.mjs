// Bundles src/ into the two files the runtime embeds. `--check` rebuilds into a temporary folder
// and fails when the committed files differ (esbuild's output is deterministic for pinned versions).
import { build } from "esbuild";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const outdir = "../src/Runtime/Static";
const check = process.argv.includes("--check");
const target = check ? mkdtempSync(join(tmpdir(), "datasette-gen-web-")) : outdir;
const entries = { "datasette-gen": "src/main.js", "datasette-gen-sql": "src/sql-editor.js", "datasette-gen-edit": "src/edit-main.js" };

await build({
  entryPoints: entries,
  outdir: target,
  bundle: true,
  minify: true,
  format: "iife",
  target: ["chrome111", "firefox113", "safari16.4"],
  legalComments: "none",
  charset: "utf8",
  logLevel: "warning",
});

let stale = false;
for (const name of Object.keys(entries)) {
  const built = readFileSync(join(target, name + ".js"));
  if (check) {
    let committed = null;
    try { committed = readFileSync(join(outdir, name + ".js")); } catch {}
    if (!committed || !committed.equals(built)) {
      console.error(`${outdir}/${name}.js differs from a fresh build: run npm run build in web/ and commit it`);
      stale = true;
    }
  }
  console.log(`${name}.js: ${built.length} bytes, ${gzipSync(built, { level: 9 }).length} gzipped`);
}
if (check) rmSync(target, { recursive: true, force: true });
process.exit(stale ? 1 : 0);
