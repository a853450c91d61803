// datasette-gen.js: the script every page loads (defer). It installs window.__DATASETTE__, wires
// the menus, the jump menu and the table page's controls, then announces datasette_init.
import { createManager, INIT_EVENT } from "./manager.js";
import { initDetailsMenus } from "./menus.js";
import { initColumnActions } from "./column-actions.js";
import { initColumnChooser } from "./column-chooser.js";
import { initFilters } from "./filters.js";
import { initNavigationSearch } from "./navigation-search.js";
import { loadSqlEditor, initSqlParameters } from "./sql-loader.js";
import { exposeDatasetteGlobals } from "./page-data.js";
import { initCopyButtons } from "./copy-buttons.js";
import { loadEditTools } from "./edit-loader.js";

const script = document.currentScript;

function start() {
  const manager = window.__DATASETTE__ || createManager();
  window.__DATASETTE__ = manager;
  const steps = [exposeDatasetteGlobals, initDetailsMenus, initNavigationSearch, initColumnChooser, () => initColumnActions(manager), initFilters, initCopyButtons, initSqlParameters, () => loadSqlEditor(script), () => loadEditTools(script)];
  for (const step of steps) {
    // A failing enhancement leaves the server-rendered page working; the others still run.
    try {
      step();
    } catch (error) {
      console.error("datasette-gen:", error);
    }
  }
  document.dispatchEvent(new CustomEvent(INIT_EVENT, { detail: manager }));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
