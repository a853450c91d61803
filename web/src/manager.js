// window.__DATASETTE__: the registry JavaScript plugins use (spec html-ui.md §10). Plugins call
// registerPlugin from a datasette_init listener, or directly once this script has run.

export const INIT_EVENT = "datasette_init";

export function createManager() {
  const plugins = new Map();
  const manager = {
    VERSION: window.datasetteVersion,
    plugins,
    selectors: {
      table: "table.rows-and-columns",
      tableHeaders: "table.rows-and-columns th",
      tableWrapper: ".table-wrapper",
      aboveTablePanel: ".above-table-panel",
      filterRows: ".filter-row",
      facetResults: ".facet-results [data-column]",
    },
    registerPlugin(name, plugin) {
      if (typeof name !== "string" || !plugin || typeof plugin !== "object") {
        throw new TypeError("registerPlugin(name, {version, makeColumnActions, makeAboveTablePanelConfigs})");
      }
      if (plugins.has(name)) {
        console.warn(`Datasette plugin ${name} was registered twice; the last registration wins`);
      }
      plugins.set(name, plugin);
      if (plugin.makeAboveTablePanelConfigs) {
        manager.renderAboveTablePanel();
      }
    },
    // Items ({label, href?, onClick?, description?}) from every plugin, for one column's menu.
    makeColumnActions(columnMeta) {
      const items = [];
      for (const [name, plugin] of plugins) {
        if (!plugin.makeColumnActions) continue;
        try {
          const made = plugin.makeColumnActions(columnMeta) || [];
          for (const item of made) {
            if (item && typeof item.label === "string") items.push(item);
            else console.warn(`Datasette plugin ${name}: a column action needs a label`, item);
          }
        } catch (error) {
          // One broken plugin must not take the column menu down with it.
          console.error(`Datasette plugin ${name}: makeColumnActions failed`, error);
        }
      }
      return items;
    },
    // Panels ({id, label, render(node)}) shown above the rows table, one tab each.
    renderAboveTablePanel() {
      const panel = document.querySelector(manager.selectors.aboveTablePanel);
      if (!panel) return;
      const configs = [];
      for (const [name, plugin] of plugins) {
        if (!plugin.makeAboveTablePanelConfigs) continue;
        try {
          configs.push(...(plugin.makeAboveTablePanelConfigs() || []));
        } catch (error) {
          console.error(`Datasette plugin ${name}: makeAboveTablePanelConfigs failed`, error);
        }
      }
      panel.replaceChildren();
      panel.hidden = configs.length === 0;
      for (const config of configs) {
        const section = document.createElement("section");
        section.className = "above-table-panel-item";
        if (config.id) section.id = config.id;
        if (config.label) {
          const heading = document.createElement("h2");
          heading.textContent = config.label;
          section.append(heading);
        }
        const body = document.createElement("div");
        section.append(body);
        panel.append(section);
        if (config.render) config.render(body);
      }
    },
  };
  return manager;
}
