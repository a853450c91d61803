// The editing code is a separate bundle beside this one, loaded only where the page offers editing:
// most readers never download it.
import { pageData } from "./page-data.js";

export function wantsEditTools() {
  const data = pageData();
  return !!(data.insertRow || data.alterTable || data.editColumns || data.createTable
    || document.querySelector("[data-row-action], input[data-autocomplete-url]"));
}

export function loadEditTools(script) {
  if (!wantsEditTools()) return;
  let src = script?.dataset.editToolsSrc;
  if (!src && script?.src) src = new URL("datasette-gen-edit.js", script.src).href;
  if (!src) return;
  const el = document.createElement("script");
  el.src = src;
  el.async = true;
  document.head.append(el);
}
