// A typed client of the conformance deployment, through the types openapi-typescript generated
// from its /-/openapi.json (generated/fixtures.ts): reads facetable rows, filtered, sorted and
// paginated, with every column typed; the lines marked @ts-expect-error must not compile.
//   node generated/out/client/read-facetable.js http://127.0.0.1:PORT
import createClient from "openapi-fetch";
import type { components, paths } from "../generated/fixtures.js";

declare const process: { argv: string[] };

type Facetable = components["schemas"]["FacetableRow"];

const client = createClient<paths>({
  baseUrl: process.argv[2] ?? "http://127.0.0.1:8001",
  // Column filters are one form-exploded object parameter (state__in=CA,MI), not deepObject.
  querySerializer: { object: { style: "form", explode: true }, array: { style: "form", explode: true } },
});

async function readFacetable(): Promise<Facetable[]> {
  const rows: Facetable[] = [];
  let next: string | undefined;
  do {
    const { data, error } = await client.GET("/fixtures/facetable.json", {
      params: {
        query: {
          _size: 4,
          _sort_desc: "planet_int",
          _col: ["state", "planet_int", "_neighborhood"],
          _next: next,
          filters: { state__in: "CA,MI", _neighborhood__notblank: "1" },
        },
      },
    });
    if (error !== undefined) {
      throw new Error("request failed: " + JSON.stringify(error));
    }
    // The 200 is the default shape alone: the rows are typed without narrowing.
    rows.push(...data.rows);
    next = data.next ?? undefined;
  } while (next !== undefined);
  return rows;
}

async function readRow(pk: number): Promise<Facetable | undefined> {
  const { data } = await client.GET("/fixtures/facetable/{pks}.json", { params: { path: { pks: String(pk) } } });
  return data?.rows[0];
}

const rows = await readFacetable();
const states: (string | null | undefined)[] = rows.map((row) => row.state);
const planets: number[] = rows.map((row) => row.planet_int ?? 0);
const first = await readRow(rows[0]?.pk ?? 1);
const created: string | number | null | undefined = first?.created;

// @ts-expect-error facetable has no column "nope"
rows[0]?.nope;
// @ts-expect-error _sort takes only sortable columns
void client.GET("/fixtures/facetable.json", { params: { query: { _sort: "nope" } } });
// @ts-expect-error _shape changes the response's type, so the typed operation does not take it
void client.GET("/fixtures/facetable.json", { params: { query: { _shape: "array" } } });
// @ts-expect-error a TEXT column is not a number
const wrong: number | undefined = rows[0]?.state;
void wrong;

console.log(JSON.stringify({ count: rows.length, states, planets, first: first?.pk ?? null, created: created ?? null }));
