// Pasted CSV or TSV with a header row → objects keyed by the header. Tab-separated when the header
// line has a tab, else comma-separated; quoted fields may hold delimiters, quotes ("") and newlines.

export function parseDelimited(text) {
  const source = text.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
  if (!source.trim()) return { columns: [], rows: [] };
  const firstLine = source.slice(0, source.indexOf("\n") < 0 ? source.length : source.indexOf("\n"));
  const delimiter = firstLine.includes("\t") ? "\t" : ",";
  const records = [];
  let record = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") {
      quoted = true;
    } else if (ch === delimiter) {
      record.push(field);
      field = "";
    } else if (ch === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else {
      field += ch;
    }
  }
  record.push(field);
  records.push(record);
  const columns = records[0].map((c) => c.trim());
  const rows = records.slice(1).filter((r) => r.some((v) => v !== "")).map((values) => {
    const row = {};
    columns.forEach((column, i) => { row[column] = i < values.length ? values[i] : ""; });
    return row;
  });
  return { columns, rows, delimiter };
}
