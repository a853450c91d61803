// Links computed from the current URL the way Datasette's table page computes them: a change of
// sort or facet never carries the old page's _next token along.

function withParams(change) {
  const params = new URLSearchParams(location.search);
  change(params);
  const query = params.toString();
  return location.pathname + (query ? "?" + query : "");
}

export const currentParams = () => new URLSearchParams(location.search);

export const sortAscUrl = (column) =>
  withParams((p) => { p.set("_sort", column); p.delete("_sort_desc"); p.delete("_next"); });

export const sortDescUrl = (column) =>
  withParams((p) => { p.set("_sort_desc", column); p.delete("_sort"); p.delete("_next"); });

export const facetUrl = (column) =>
  withParams((p) => { p.append("_facet", column); p.delete("_next"); });

// With an explicit _col list the column is dropped from it; otherwise _nocol excludes it.
export const hideColumnUrl = (column) =>
  withParams((p) => {
    const chosen = p.getAll("_col");
    if (chosen.length) {
      p.delete("_col");
      for (const c of chosen) if (c !== column) p.append("_col", c);
    } else {
      p.append("_nocol", column);
    }
    p.delete("_next");
  });

export const showAllColumnsUrl = () =>
  withParams((p) => { p.delete("_col"); p.delete("_nocol"); });

export const notBlankUrl = (column) =>
  withParams((p) => { p.set(`${column}__notblank`, "1"); p.delete("_next"); });

// All chosen → no _col at all (the default column set); otherwise one _col per chosen column.
export const chooseColumnsUrl = (selected, all, primaryKeys) =>
  withParams((p) => {
    p.delete("_col");
    p.delete("_nocol");
    p.delete("_next");
    const choosable = all.filter((c) => !primaryKeys.includes(c));
    if (selected.length < choosable.length) {
      for (const c of choosable) if (selected.includes(c)) p.append("_col", c);
    }
  });
