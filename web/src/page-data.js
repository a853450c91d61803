// The page's data for scripts: <script type="application/json" id="datasette-page-data">, read once.
// Datasette's own globals (html-ui.md §10: _datasetteTableData, _columnChooserData,
// DATASETTE_ALLOW_FACET, _datasetteDatabaseData) are set from it when the page did not set them,
// for plugins that read them.

let cached;

export function pageData() {
  if (cached !== undefined) return cached;
  cached = {};
  const el = document.getElementById("datasette-page-data");
  if (el) {
    try {
      const parsed = JSON.parse(el.textContent);
      if (parsed && typeof parsed === "object") cached = parsed;
    } catch (error) {
      console.error("datasette-gen: #datasette-page-data is not JSON", error);
    }
  }
  return cached;
}

export function exposeDatasetteGlobals() {
  const data = pageData();
  if (data.page === "database" && data.createTable && window._datasetteDatabaseData === undefined) {
    window._datasetteDatabaseData = { createTable: data.createTable };
  }
  if (data.page !== "table") return;
  if (window._datasetteTableData === undefined) {
    const tableData = { database: data.database, table: data.table, tableUrl: data.tableUrl };
    // Present only when the actor may insert, alter, or see the tables the keys point at.
    for (const key of ["insertRow", "alterTable", "foreignKeys"]) if (data[key]) tableData[key] = data[key];
    window._datasetteTableData = tableData;
  }
  if (window._columnChooserData === undefined && Array.isArray(data.allColumns)) {
    window._columnChooserData = {
      allColumns: data.allColumns,
      selectedColumns: data.columns || data.allColumns,
      primaryKeys: data.primaryKeys || [],
    };
  }
  if (window.DATASETTE_ALLOW_FACET === undefined && typeof data.allowFacet === "boolean") {
    window.DATASETTE_ALLOW_FACET = data.allowFacet;
  }
}
