using Datasette.Gen.Configuration.UrlEncoding;

namespace Datasette.Gen.Configuration.OpenApi;

/// <summary>
/// Builds the parts of the OpenAPI 3.1 document: one per database page, arbitrary-SQL endpoint,
/// table (or view) and stored query. The generator runs it over the build-time schema snapshot
/// and compiles the parts in as constants; the runtime runs it over a live schema when a
/// database differs from the snapshot. <see cref="OpenApiDocument"/> splices parts together.
/// </summary>
public static class OpenApiBuilder
{
    /// <summary>Part of every fingerprint: bump it when the text a part is built into changes.</summary>
    public const string FormatVersion = "2";

    /// <summary>The column filter operators of <c>column__op=value</c> (read-api.md §5.2, src/Runtime/Tables/ColumnFilter.cs).</summary>
    public static readonly IReadOnlyList<string> FilterOperators = new[]
    {
        "exact", "not", "contains", "notcontains", "endswith", "startswith", "gt", "gte", "lt", "lte",
        "like", "notlike", "glob", "in", "notin", "arraycontains", "arraynotcontains", "date",
        "isnull", "notnull", "isblank", "notblank",
    };

    private const string Json = "application/json";

    public static OpenApiPart Database(OpenApiDatabase database)
    {
        var paths = OpenApiJsonWriter.Members();
        paths.Name("/" + TildeEncoding.Encode(database.Route) + ".json").StartObject().Name("get").StartObject();
        Operation(paths, database.Name, OpenApiTypeNames.OperationId(database.TypeName, OpenApiTypeNames.DatabaseSuffix), $"Database {database.Name}: tables, views and stored queries",
            database.Description);
        paths.Name("parameters").StartArray().EndArray();
        Responses(paths, w => w.RefObject("schemas", "DatabasePage"), notFound: true);
        paths.EndObject().EndObject();
        return new OpenApiPart(DatabaseFingerprint(database), paths.ToString(), "");
    }

    public static string DatabaseFingerprint(OpenApiDatabase database) => Fingerprint("database", database.Name, database.Route, database.Description, database.TypeName);

    public static string SqlFingerprint(OpenApiDatabase database) => Fingerprint("sql", database.Name, database.Route, database.TypeName);

    public static string QueryFingerprint(OpenApiQuery query)
    {
        var input = new List<string?> { query.Database, query.Route, query.Name, query.Title, query.Description, query.IsWrite ? "write" : "read", query.TypeName };
        input.AddRange(query.Parameters);
        return Fingerprint("query", input.ToArray());
    }

    /// <summary><c>/{db}/-/query.json?sql=</c>: described only for actors with execute-sql.</summary>
    public static OpenApiPart Sql(OpenApiDatabase database)
    {
        var paths = OpenApiJsonWriter.Members();
        paths.Name("/" + TildeEncoding.Encode(database.Route) + "/-/query.json").StartObject().Name("get").StartObject();
        Operation(paths, database.Name, OpenApiTypeNames.OperationId(database.TypeName, OpenApiTypeNames.SqlSuffix), $"Run read-only SQL against {database.Name}",
            "A single SELECT (or WITH) statement; at most max_returned_rows rows are returned and `truncated` tells whether more existed. "
            + "Each `:name` parameter in the SQL takes the query-string argument of the same name, bound as a string (\"\" when absent).\n\n" + OpenApiVariants.Note);
        paths.Name("parameters").StartArray();
        ParameterRef(paths, "sql");
        paths.StartObject()
            .Property("name", "params").Property("in", "query").Property("style", "form").Property("explode", true)
            .Property("description", "Values of the SQL's :named parameters, one query-string argument each.")
            .Name("schema").RefObject("schemas", "StringMap")
            .EndObject();
        QueryParameters(paths);
        paths.EndArray();
        Responses(paths, w => w.RefObject("schemas", "QueryRows"), notFound: true);
        OpenApiVariants.Query(paths);
        paths.EndObject().EndObject();
        return new OpenApiPart(SqlFingerprint(database), paths.ToString(), "");
    }

    public static OpenApiPart Query(OpenApiQuery query)
    {
        var paths = OpenApiJsonWriter.Members();
        paths.Name("/" + TildeEncoding.Encode(query.Route) + "/" + TildeEncoding.Encode(query.Name) + ".json").StartObject().Name("get").StartObject();
        var description = query.Description;
        if (query.IsWrite)
        {
            description = (description is null ? "" : description + "\n\n")
                + "A writable query: GET does not execute it and returns no rows; POST runs it (write API).";
        }
        description = (description is null ? "" : description + "\n\n") + OpenApiVariants.Note;
        Operation(paths, query.Database, OpenApiTypeNames.OperationId(query.TypeName, OpenApiTypeNames.QuerySuffix),
            query.Title ?? $"Stored query {query.Name}", description);
        paths.Name("parameters").StartArray();
        foreach (var name in query.Parameters)
        {
            if (name.StartsWith("_", System.StringComparison.Ordinal))
            {
                continue; // magic parameters are filled in by the server
            }
            paths.StartObject().Property("name", name).Property("in", "query")
                .Property("description", "Bound as a string; \"\" when absent.")
                .Name("schema").StartObject().Property("type", "string").EndObject().EndObject();
        }
        QueryParameters(paths);
        ParameterRef(paths, "_ttl");
        paths.EndArray();
        Responses(paths, w => w.RefObject("schemas", "QueryRows"), notFound: true);
        OpenApiVariants.Query(paths);
        paths.EndObject().EndObject();
        return new OpenApiPart(QueryFingerprint(query), paths.ToString(), "");
    }

    public static OpenApiPart Table(OpenApiTable table)
    {
        var names = new TableNames(table.TypeName);
        var columns = table.Columns.Select(c => c.Name).ToList();
        if (table.IsRowidTable)
        {
            columns.Insert(0, "rowid");
        }
        var keyed = table.PrimaryKeys.Count > 0 && !table.IsView;

        var schemas = OpenApiJsonWriter.Members();
        RowSchema(schemas.Name(names.Row), table, labelled: false);
        Page(schemas.Name(names.Rows), "TableEnvelope", names.Row,
            $"A page of {(table.IsView ? "view" : "table")} {table.Name} (the default `_shape=objects`).");
        if (!table.IsView)
        {
            Page(schemas.Name(names.RowPage), "RowEnvelope", names.Row, $"One row of {table.Name} by its key (the default `_shape=objects`).");
        }
        schemas.Name(names.Column).StartObject().Property("type", "string").Property("description", $"A column of {table.Name}.")
            .Strings("enum", columns).EndObject();
        if (table.SortableColumns.Count > 0)
        {
            schemas.Name(names.SortColumn).StartObject().Property("type", "string").Property("description", $"A column {table.Name} may be sorted by.")
                .Strings("enum", table.SortableColumns).EndObject();
        }
        FilterSchema(schemas.Name(names.Filters), table);
        if (table.FtsColumns is { Count: > 0 } ftsColumns)
        {
            schemas.Name(names.SearchColumns).StartObject().Property("type", "object")
                .Property("description", $"`_search_COLUMN=TEXT`: full-text search within one column of {table.Name}'s FTS table.")
                .Name("patternProperties").StartObject()
                .Name("^_search_(?:" + string.Join("|", ftsColumns.Select(OpenApiNames.RegexLiteral)) + ")$").StartObject().Property("type", "string").EndObject()
                .EndObject().Property("additionalProperties", false).EndObject();
        }

        var paths = OpenApiJsonWriter.Members();
        var tablePath = "/" + TildeEncoding.Encode(table.Route) + "/" + TildeEncoding.Encode(table.Name);
        paths.Name(tablePath + ".json").StartObject().Name("get").StartObject();
        Operation(paths, table.Database, OpenApiTypeNames.OperationId(table.TypeName, OpenApiTypeNames.RowsSuffix),
            $"Rows of {(table.IsView ? "view" : "table")} {table.Name}",
            (table.Description is { Length: > 0 } text ? text + "\n\n" : "") + OpenApiVariants.Note);
        paths.Name("parameters").StartArray();
        TableParameters(paths, table, names);
        paths.EndArray();
        Responses(paths, w => w.RefObject("schemas", names.Rows), notFound: true, link: true);
        OpenApiVariants.Table(paths, table, names.Row, keyed, w => RowSchema(w, table, labelled: true));
        paths.EndObject().EndObject();

        if (!table.IsView)
        {
            paths.Name(tablePath + "/{pks}.json").StartObject().Name("get").StartObject();
            Operation(paths, table.Database, OpenApiTypeNames.OperationId(table.TypeName, OpenApiTypeNames.RowSuffix),
                $"One row of {table.Name} by its {(table.IsRowidTable ? "rowid" : "primary key")}", OpenApiVariants.Note);
            paths.Name("parameters").StartArray();
            RowKeyParameter(paths, table);
            ParameterRef(paths, "_extra.row");
            ParameterRef(paths, "_ttl");
            ParameterRef(paths, "_timelimit");
            ParameterRef(paths, "_json_infinity");
            paths.EndArray();
            Responses(paths, w => w.RefObject("schemas", names.RowPage), notFound: true);
            OpenApiVariants.Row(paths, names.Row);
            paths.EndObject().EndObject();
        }
        return new OpenApiPart(TableFingerprint(table), paths.ToString(), schemas.ToString());
    }

    /// <summary>The <c>{pks}</c> path parameter of a row URL.</summary>
    internal static void RowKeyParameter(OpenApiJsonWriter w, OpenApiTable table) =>
        w.StartObject().Property("name", "pks").Property("in", "path").Property("required", true)
            .Property("description", table.IsRowidTable
                ? "The row's rowid."
                : $"The values of {string.Join(", ", table.PrimaryKeys)}, each tilde-encoded, joined with ','.")
            .Name("schema").StartObject().Property("type", "string").EndObject().EndObject();

    /// <summary>The component keys of one table, from its stem.</summary>
    internal sealed class TableNames(string stem)
    {
        public string Row { get; } = stem + OpenApiTypeNames.RowSuffix;
        public string Rows { get; } = stem + OpenApiTypeNames.RowsSuffix;
        public string RowPage { get; } = stem + OpenApiTypeNames.RowPageSuffix;
        public string Column { get; } = stem + OpenApiTypeNames.ColumnSuffix;
        public string SortColumn { get; } = stem + OpenApiTypeNames.SortColumnSuffix;
        public string Filters { get; } = stem + OpenApiTypeNames.FiltersSuffix;
        public string SearchColumns { get; } = stem + OpenApiTypeNames.SearchColumnsSuffix;
        public string RowInput { get; } = stem + OpenApiTypeNames.RowInputSuffix;
        public string UpsertRowInput { get; } = stem + OpenApiTypeNames.UpsertRowInputSuffix;
        public string InsertRequest { get; } = stem + OpenApiTypeNames.InsertRequestSuffix;
        public string InsertResponse { get; } = stem + OpenApiTypeNames.InsertResponseSuffix;
        public string UpsertRequest { get; } = stem + OpenApiTypeNames.UpsertRequestSuffix;
        public string UpsertResponse { get; } = stem + OpenApiTypeNames.UpsertResponseSuffix;
        public string UpdateRequest { get; } = stem + OpenApiTypeNames.UpdateRequestSuffix;
        public string UpdateResponse { get; } = stem + OpenApiTypeNames.UpdateResponseSuffix;
    }

    /// <summary>An envelope with its <c>rows</c> typed: <c>allOf</c> the shared envelope, so generators make it a subclass.</summary>
    private static void Page(OpenApiJsonWriter w, string envelope, string row, string description) =>
        w.StartObject().Property("description", description)
            .Name("allOf").StartArray().RefObject("schemas", envelope).EndArray()
            .Property("type", "object")
            .Name("properties").StartObject()
            .Name("rows").StartObject().Property("type", "array").Name("items").RefObject("schemas", row).EndObject()
            .EndObject()
            .Strings("required", new[] { "rows" })
            .EndObject();

    public static string TableFingerprint(OpenApiTable table)
    {
        var input = new List<string?>
        {
            table.Database, table.Route, table.Name, table.IsView ? "view" : "table", table.Description, table.TypeName,
            "pk", string.Join("\u0001", table.PrimaryKeys), "sort", string.Join("\u0001", table.SortableColumns),
            "fts", table.FtsColumns is { } fts ? string.Join("\u0001", fts) : null,
        };
        foreach (var column in table.Columns)
        {
            input.Add(column.Name);
            input.Add(column.DeclaredType);
            input.Add($"{column.NotNull}/{column.PrimaryKey}/{column.ForeignKey}");
            input.Add(column.Description);
        }
        return Fingerprint("table", input.ToArray());
    }

    /// <summary>SHA-256 over the kind, the format version and every input value, each length-prefixed.</summary>
    internal static string Fingerprint(string kind, params string?[] values)
    {
        var text = new System.Text.StringBuilder(kind).Append('\0').Append(FormatVersion);
        foreach (var value in values)
        {
            text.Append('\0').Append(value is null ? "-" : value.Length + ":" + value);
        }
        return kind + ":" + Hashing.Sha256Text.Hex(text.ToString()).Substring(0, 32);
    }

    internal static void Operation(OpenApiJsonWriter w, string database, string operationId, string summary, string? description)
    {
        w.Strings("tags", new[] { database }).Property("operationId", operationId).Property("summary", summary);
        if (!string.IsNullOrEmpty(description))
        {
            w.Property("description", description);
        }
    }

    internal static void ParameterRef(OpenApiJsonWriter w, string name) => w.RefObject("parameters", name);

    /// <summary>The arguments every SQL query endpoint takes, after its own.</summary>
    private static void QueryParameters(OpenApiJsonWriter w)
    {
        ParameterRef(w, "_json");
        ParameterRef(w, "_json_infinity");
        ParameterRef(w, "_timelimit");
        ParameterRef(w, "_extra.query");
    }

    private static void TableParameters(OpenApiJsonWriter w, OpenApiTable table, TableNames names)
    {
        ParameterRef(w, "_size");
        ParameterRef(w, "_next");
        if (table.SortableColumns.Count > 0)
        {
            foreach (var (name, description) in new[] { ("_sort", "Sort by this column, ascending (NULLs first)."), ("_sort_desc", "Sort by this column, descending (NULLs last).") })
            {
                w.StartObject().Property("name", name).Property("in", "query").Property("description", description)
                    .Name("schema").RefObject("schemas", names.SortColumn).EndObject();
            }
        }
        foreach (var (name, description) in new[]
        {
            ("_col", "Return only these columns (primary keys always come first). Repeatable."),
            ("_nocol", "Leave these columns out (not primary keys). Repeatable."),
        })
        {
            ColumnArray(w, name, description, names.Column);
        }
        ParameterRef(w, "_where");
        foreach (var (name, description) in new[]
        {
            // A JSON facet configuration is accepted too; typed as a column, generators make the argument an enum instead of an empty class.
            ("_facet", "Facet by the distinct values of this column (the server also accepts a JSON facet configuration such as {\"column\": \"state\"})."),
            ("_facet_date", "Facet by the dates of this column's values."),
            ("_facet_array", "Facet by the items of this column's JSON arrays."),
        })
        {
            w.StartObject().Property("name", name).Property("in", "query").Property("style", "form").Property("explode", true)
                .Property("description", description + " Adds `facet_results`. Repeatable.")
                .Name("schema").StartObject().Property("type", "array").Name("items").RefObject("schemas", names.Column).EndObject()
                .EndObject();
        }
        ParameterRef(w, "_facet_size");
        ParameterRef(w, "_extra.table");
        ParameterRef(w, "_nocount");
        ParameterRef(w, "_nofacet");
        ParameterRef(w, "_nosuggest");
        ParameterRef(w, "_through");
        ParameterRef(w, "_ttl");
        ParameterRef(w, "_timelimit");
        ParameterRef(w, "_json_infinity");
        w.StartObject().Property("name", "filters").Property("in", "query").Property("style", "form").Property("explode", true)
            .Property("description", "Column filters, one `column__op=value` argument each, ANDed (operators in the API description).")
            .Name("schema").RefObject("schemas", names.Filters).EndObject();
        if (table.FtsColumns is { } ftsColumns)
        {
            ParameterRef(w, "_search");
            if (ftsColumns.Count > 0)
            {
                w.StartObject().Property("name", "search_columns").Property("in", "query").Property("style", "form").Property("explode", true)
                    .Property("description", "`_search_COLUMN=TEXT`: full-text search within one column of the FTS table.")
                    .Name("schema").RefObject("schemas", names.SearchColumns).EndObject();
            }
            ParameterRef(w, "_searchmode");
            ParameterRef(w, "_fts_table");
            ParameterRef(w, "_fts_pk");
        }
    }

    private static void ColumnArray(OpenApiJsonWriter w, string name, string description, string columnKey) =>
        w.StartObject().Property("name", name).Property("in", "query").Property("style", "form").Property("explode", true)
            .Property("description", description)
            .Name("schema").StartObject().Property("type", "array").Name("items").RefObject("schemas", columnKey).EndObject()
            .EndObject();

    /// <summary>
    /// Every <c>column__op=value</c> argument as one form-exploded object parameter whose property
    /// names are matched by patterns built from the columns and the operators: 22 operators over
    /// every column would otherwise be hundreds of parameters per table. A bare <c>column=value</c>
    /// (exact) is allowed only for names that start without '_' and contain no "__", as the server
    /// reads them.
    /// </summary>
    private static void FilterSchema(OpenApiJsonWriter w, OpenApiTable table)
    {
        var names = table.Columns.Select(c => c.Name).ToList();
        if (!table.IsView)
        {
            names.Add("rowid");
        }
        var bare = names.Where(n => !n.StartsWith("_", System.StringComparison.Ordinal) && n.IndexOf("__", System.StringComparison.Ordinal) < 0).Distinct().ToList();
        var operators = "__(?:" + string.Join("|", FilterOperators) + ")";
        w.StartObject().Property("type", "object")
            .Property("description", $"Filters on {table.Name}: `column__op=value` arguments, ANDed; a bare `column=value` means exact.")
            .Name("patternProperties").StartObject();
        if (names.Count > 0)
        {
            w.Name("^(?:" + string.Join("|", names.Distinct().Select(OpenApiNames.RegexLiteral)) + ")" + operators + "$").StartObject().Property("type", "string").EndObject();
        }
        if (bare.Count > 0)
        {
            w.Name("^(?:" + string.Join("|", bare.Select(OpenApiNames.RegexLiteral)) + ")$").StartObject().Property("type", "string").EndObject();
        }
        w.EndObject().Property("additionalProperties", false).EndObject();
    }

    /// <summary>
    /// One row as an object: a property per column, typed by the column's affinity. Labelled (the
    /// <c>_labels</c> variant), a foreign-key column may instead hold a {value, label} object.
    /// </summary>
    private static void RowSchema(OpenApiJsonWriter w, OpenApiTable table, bool labelled)
    {
        w.StartObject().Property("type", "object");
        w.Property("description", (table.IsView ? "A row of view " : "A row of table ") + table.Name
            + (table.IsRowidTable ? " (keyed by rowid)" : table.PrimaryKeys.Count > 0 ? " (primary key: " + string.Join(", ", table.PrimaryKeys) + ")" : "")
            + ". `_col`/`_nocol` may leave columns out"
            + (labelled ? "; foreign-key columns hold {value, label} objects." : "."));
        w.Name("properties").StartObject();
        if (table.IsRowidTable)
        {
            w.Name("rowid").StartObject().Property("type", "integer").Property("description", "The row's rowid (its key).").Property("x-primary-key", 1).EndObject();
        }
        foreach (var column in table.Columns)
        {
            w.Name(column.Name);
            ColumnSchema(w, column, labelled);
        }
        w.EndObject().Property("additionalProperties", false).EndObject();
    }

    /// <remarks>
    /// A key column of a stored row is never null; <paramref name="keyMayBeNull"/> is for input,
    /// where a null key lets SQLite choose it (an INTEGER PRIMARY KEY's next rowid).
    /// </remarks>
    internal static void ColumnSchema(OpenApiJsonWriter w, OpenApiColumn column, bool labelled, bool keyMayBeNull = false)
    {
        var affinity = Affinity(column.DeclaredType);
        var nullable = !column.NotNull && (column.PrimaryKey == 0 || keyMayBeNull);
        var description = (column.DeclaredType.Length == 0 ? "no declared type" : column.DeclaredType.ToUpperInvariant())
            + (column.PrimaryKey > 0 ? ", primary key" : "")
            + (column.Description is { Length: > 0 } text ? ". " + text : "");
        w.StartObject();
        var alternatives = new List<System.Action>();
        if (affinity == "BLOB")
        {
            alternatives.Add(() => w.RefObject("schemas", "Blob"));
            if (nullable)
            {
                alternatives.Add(() => w.StartObject().Property("type", "null").EndObject());
            }
        }
        if (column.ForeignKey && labelled)
        {
            alternatives.Add(() => w.RefObject("schemas", "ForeignKeyLabel"));
        }
        if (alternatives.Count > 0 && affinity != "BLOB")
        {
            alternatives.Insert(0, () =>
            {
                w.StartObject();
                WriteType(w, affinity, nullable);
                w.EndObject();
            });
        }
        if (alternatives.Count == 1)
        {
            w.Ref("schemas", "Blob"); // a BLOB that cannot be null
        }
        else if (alternatives.Count > 1)
        {
            // A nullable BLOB's two alternatives exclude each other: oneOf is what generators read as a nullable reference.
            w.Name(affinity == "BLOB" && !(column.ForeignKey && labelled) ? "oneOf" : "anyOf").StartArray();
            foreach (var alternative in alternatives)
            {
                alternative();
            }
            w.EndArray();
        }
        else
        {
            WriteType(w, affinity, nullable);
        }
        w.Property("description", description);
        if (column.PrimaryKey > 0)
        {
            w.Property("x-primary-key", column.PrimaryKey);
        }
        w.EndObject();
    }

    private static void WriteType(OpenApiJsonWriter w, string affinity, bool nullable)
    {
        var types = affinity switch
        {
            "INTEGER" => new[] { "integer" },
            "REAL" => new[] { "number" },
            "TEXT" => new[] { "string" },
            // NUMERIC affinity keeps text that does not look like a number (dates, say) as text.
            "NUMERIC" => new[] { "number", "string" },
            _ => null, // no declared type: any value
        };
        if (types is null)
        {
            return;
        }
        if (types.Length == 1 && !nullable)
        {
            w.Property("type", types[0]);
            return;
        }
        w.Strings("type", nullable ? types.Concat(new[] { "null" }) : types);
    }

    /// <summary>The column's affinity; "" for no declared type (such columns hold any value).</summary>
    public static string Affinity(string declared) => Sqlite.SqliteAffinity.Of(declared) ?? "";

    internal static void Responses(OpenApiJsonWriter w, System.Action<OpenApiJsonWriter> schema, bool notFound, bool link = false, string status = "200", bool bodyLimit = false)
    {
        w.Name("responses").StartObject();
        w.Name(status).StartObject().Property("description", status == "201" ? "Created" : "OK");
        if (link)
        {
            w.Name("headers").StartObject().Name("Link").RefObject("headers", "Link").EndObject();
        }
        w.Name("content").StartObject().Name(Json).StartObject().Name("schema");
        schema(w);
        w.EndObject();
        w.EndObject().EndObject();
        w.Name("400").RefObject("responses", "BadRequest");
        w.Name("401").RefObject("responses", "Unauthorized");
        w.Name("403").RefObject("responses", "Forbidden");
        if (notFound)
        {
            w.Name("404").RefObject("responses", "NotFound");
        }
        if (bodyLimit)
        {
            w.Name("413").RefObject("responses", "PayloadTooLarge");
        }
        w.EndObject();
    }
}
