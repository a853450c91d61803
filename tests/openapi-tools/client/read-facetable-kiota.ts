// Reads facetable through the TypeScript client Kiota generated from the conformance deployment's
// /-/openapi.json (generated/kiota-ts/fixtures) and prints the rows it got as JSON:
//   node generated/out-kiota/client/read-facetable-kiota.js http://127.0.0.1:PORT
import { AnonymousAuthenticationProvider } from "@microsoft/kiota-abstractions";
import { DefaultRequestAdapter } from "@microsoft/kiota-bundle";
import { createApiClient } from "../generated/kiota-ts/fixtures/apiClient.js";
import { FacetableSortColumnObject, type FacetableRow } from "../generated/kiota-ts/fixtures/models/index.js";

declare const process: { argv: string[] };

const adapter = new DefaultRequestAdapter(new AnonymousAuthenticationProvider());
adapter.baseUrl = process.argv[2] ?? "http://127.0.0.1:8001";
const client = createApiClient(adapter);

const page = await client.fixtures.facetableJson.get({ queryParameters: { size: 4, sortDesc: FacetableSortColumnObject.Pk } });
const rows: FacetableRow[] = page?.rows ?? [];
const first = rows[0];
const byKey = first?.pk == null ? undefined : (await client.fixtures.facetable.byPksJson(String(first.pk)).get())?.rows?.[0];

const pick = (row: FacetableRow | undefined, next: string | null | undefined) => ({
  pk: row?.pk ?? null,
  state: row?.state ?? null,
  planet_int: row?.planetInt ?? null,
  created: row?.created ?? null,
  _city_id: row?.cityId ?? null,
  _neighborhood: row?.neighborhood ?? null,
  next: next ?? null,
});
// @ts-expect-error facetable has no column "nope"
void first?.nope;
console.log(JSON.stringify({ rows: rows.map((row) => pick(row, page?.next)), by_key: pick(byKey, null) }));
