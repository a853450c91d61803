using System.Text;
using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Configuration.OpenApi;

/// <summary>
/// Splices the parts of <see cref="OpenApiBuilder"/> into one OpenAPI 3.1 document, around the
/// instance endpoints and the components every part refers to (parameters, envelopes, errors,
/// the bearer scheme). Which parts go in is the caller's choice: the runtime passes only what
/// the actor may see.
/// </summary>
public static class OpenApiDocument
{
    public const string Version = "3.1.0";

    public static string Write(OpenApiInstance instance, IEnumerable<OpenApiPart> parts)
    {
        var list = parts as IReadOnlyCollection<OpenApiPart> ?? parts.ToList();
        var w = new OpenApiJsonWriter();
        w.StartObject().Property("openapi", Version);
        w.Name("info").StartObject().Property("title", instance.Title).Property("version", instance.Version);
        w.Property("description", (instance.Description is { Length: > 0 } text ? text + "\n\n" : "")
            + "The JSON API of this Datasette instance (Datasette " + instance.Version + " compatible), as the requesting actor may see it. "
            + "Names in paths are tilde-encoded; every `.json` endpoint also answers without the suffix as HTML.\n\n"
            + "Table filters are query arguments `column__op=value`, ANDed, with op one of " + string.Join(", ", OpenApiBuilder.FilterOperators) + ". "
            + "`in`/`notin` take a comma-separated list or a JSON array; `isnull`, `notnull`, `isblank` and `notblank` ignore the value (send 1). "
            + "A bare `column=value` means exact, except for columns whose names start with '_'.");
        w.EndObject();
        w.Name("servers").StartArray().StartObject().Property("url", instance.BaseUrl).EndObject().EndArray();
        // Anonymous access or a bearer token: either satisfies the document's security.
        w.Name("security").StartArray().StartObject().EndObject().StartObject().Name("bearer").StartArray().EndArray().EndObject().EndArray();
        w.Name("paths").StartObject();
        if (instance.ViewInstance)
        {
            w.RawMembers(InstancePaths);
        }
        w.RawMembers(ActorPath);
        foreach (var part in list)
        {
            w.RawMembers(part.Paths);
        }
        w.EndObject();
        w.Name("components").StartObject();
        w.Name("securitySchemes").RawValue(SecuritySchemes);
        w.Name("parameters").StartObject().RawMembers(SharedParameters(instance)).EndObject();
        w.Name("headers").RawValue(Headers);
        w.Name("responses").RawValue(ErrorResponses);
        w.Name("schemas").StartObject().RawMembers(SharedSchemas).RawMembers(Envelopes(instance)).RawMembers(SettingsSchema()).RawMembers(ParameterSchemas(instance));
        if (list.Any(OpenApiWriteBuilder.IsWritePart))
        {
            w.RawMembers(OpenApiWriteSchemas.Members);
        }
        foreach (var part in list)
        {
            w.RawMembers(part.Schemas);
        }
        w.EndObject();
        w.EndObject();
        w.EndObject();
        return w.ToString();
    }

    private static string SharedParameters(OpenApiInstance instance)
    {
        var w = OpenApiJsonWriter.Members();
        void Parameter(string key, string name, string description, string schema, bool explode = false, bool required = false)
        {
            w.Name(key).StartObject().Property("name", name).Property("in", "query").Property("description", description);
            if (required)
            {
                w.Property("required", true);
            }
            if (explode)
            {
                w.Property("style", "form").Property("explode", true);
            }
            w.Name("schema").RawValue(Minify(schema)).EndObject();
        }
        const string flag = """{"$ref": "#/components/schemas/Flag"}""";
        // Typed as integers: "max" (also accepted) in a union makes NSwag generate an empty class for the argument.
        Parameter("_size", "_size", $"Rows per page (default {instance.DefaultPageSize}, or the table's configured size); the server also accepts `max`, meaning max_returned_rows ({instance.MaxReturnedRows}).",
            "{\"type\": \"integer\", \"minimum\": 0, \"maximum\": " + instance.MaxReturnedRows + "}");
        Parameter("_next", "_next", "The `next` token of the previous page (opaque).", """{"type": "string"}""");
        Parameter("_where", "_where", "Raw SQL fragments ANDed into the WHERE clause; needs execute-sql. Repeatable.",
            """{"type": "array", "items": {"type": "string"}}""", explode: true);
        var facetNote = instance.AllowFacet ? "" : " Faceting is off on this instance (allow_facet): any _facet argument is a 400.";
        Parameter("_facet_size", "_facet_size", "Values per facet (default default_facet_size); the server also accepts `max`, meaning max_returned_rows." + facetNote,
            """{"type": "integer", "minimum": 0}""");
        Parameter("_nocount", "_nocount", "Skip counting the matching rows.", flag);
        Parameter("_nofacet", "_nofacet", "Skip facets and facet suggestions.", flag);
        Parameter("_nosuggest", "_nosuggest", "Skip facet suggestions.", flag);
        Parameter("_json_infinity", "_json_infinity", "Write ±Infinity as the bare tokens Infinity/-Infinity (not valid JSON) instead of null.", flag);
        Parameter("_ttl", "_ttl", "Cache-Control max-age in seconds for this response (0: no-cache).", """{"type": "integer", "minimum": 0}""");
        Parameter("_timelimit", "_timelimit", "Lower the SQL time limit (milliseconds); it cannot raise sql_time_limit_ms.", """{"type": "integer", "minimum": 0}""");
        Parameter("_through", "_through", "Rows related through another table: a JSON object {\"table\", \"column\", \"value\"}.", """{"type": "string"}""");
        Parameter("_search", "_search", "Full-text search over the table's FTS index.", """{"type": "string"}""");
        Parameter("_searchmode", "_searchmode", "`raw` passes the search to SQLite's MATCH as written; `escaped` (default) quotes each term.",
            """{"$ref": "#/components/schemas/SearchMode"}""");
        Parameter("_fts_table", "_fts_table", "Search this FTS table instead of the detected or configured one.", """{"type": "string"}""");
        Parameter("_fts_pk", "_fts_pk", "The column of this table the FTS rowid matches (default rowid).", """{"type": "string"}""");
        Parameter("_json", "_json", "Result columns whose string values holding JSON are embedded as JSON. Repeatable.",
            """{"type": "array", "items": {"type": "string"}}""", explode: true);
        Parameter("sql", "sql", "One read-only SQL statement (SELECT or WITH).", """{"type": "string"}""", required: true);
        foreach (var (scope, component) in ExtraComponents)
        {
            var schema = new OpenApiJsonWriter().StartObject().Property("type", "array").Name("items").RefObject("schemas", component).EndObject().ToString();
            Parameter("_extra." + scope, "_extra", "Extra keys to add to the response. Repeatable and/or comma-separated; an unknown name is a 400.", schema, explode: true);
        }
        return w.ToString();
    }

    private static readonly (string Scope, string Component)[] ExtraComponents = { ("table", "TableExtra"), ("row", "RowExtra"), ("query", "QueryExtra") };

    /// <summary>The schemas of parameters, named so that generators name their types after them.</summary>
    private static string ParameterSchemas(OpenApiInstance instance)
    {
        var w = OpenApiJsonWriter.Members();
        w.Name("Flag").RawValue(Minify("""{"type": "string", "enum": ["1", "0", "on", "off", "true", "false"], "description": "A switch: 1, on or true turn it on."}"""));
        w.Name("SearchMode").RawValue(Minify("""{"type": "string", "enum": ["raw", "escaped"], "description": "How `_search` is passed to SQLite's MATCH."}"""));
        foreach (var ((scope, component), names) in ExtraComponents.Zip(new[] { instance.TableExtras, instance.RowExtras, instance.QueryExtras }, (c, n) => (c, n)))
        {
            w.Name(component).StartObject().Property("type", "string").Property("description", $"An `_extra` of a {scope} page.").Strings("enum", names).EndObject();
        }
        return w.ToString();
    }

    /// <summary>Every component schema the document holds besides the parts' own: table, query and database names must not take them.</summary>
    public static readonly IReadOnlyList<string> SharedNames = new[]
    {
        "Error", "Blob", "ForeignKeyLabel", "RowArray", "FirstColumns", "NewlineDelimited", "Facet", "FacetType", "FacetValue", "FacetResults",
        "SuggestedFacet", "ColumnDetail", "SqliteType", "RequestDetails", "QueryDetails", "ColumnType", "ColumnDetails", "ColumnTypes", "FacetsByName", "JsonObject", "StringMap", "StringListMap", "Actor", "ExtraLink", "ForeignKeyTable", "ForeignKey",
        "StoredQuery", "StoredQuerySource", "IndexPage", "IndexDatabase", "IndexTable", "DatabasesPage", "AttachedDatabase",
        "VersionsPage", "DatasetteVersion", "DotnetVersion", "SqliteVersion", "ActorPage", "DatabasePage", "DatabaseTable", "TableForeignKeys", "DatabaseView", "SettingsPage",
        "TableEnvelope", "RowEnvelope", "QueryEnvelope", "QueryRows", "QueryRow",
        "Flag", "SearchMode", "TableExtra", "RowExtra", "QueryExtra",
    }.Concat(OpenApiWriteSchemas.Names).ToArray();

    /// <summary>The table, row and query envelopes: fixed keys required, every _extra of the scope optional.</summary>
    private static string Envelopes(OpenApiInstance instance)
    {
        var w = OpenApiJsonWriter.Members();
        void Envelope(string key, string description, (string Name, string Schema)[] fixedKeys, IEnumerable<string> extras)
        {
            w.Name(key).StartObject().Property("type", "object").Property("description", description).Name("properties").StartObject();
            foreach (var (name, schema) in fixedKeys)
            {
                w.Name(name).RawValue(Minify(schema));
            }
            foreach (var extra in extras)
            {
                if (fixedKeys.Any(k => k.Name == extra))
                {
                    continue;
                }
                w.Name(extra).RawValue(ExtraSchemas.TryGetValue(extra, out var schema) ? Minify(schema) : "{}");
            }
            w.EndObject().Strings("required", fixedKeys.Select(k => k.Name)).EndObject();
        }
        const string ok = """{"const": true}""";
        const string truncated = """{"type": "boolean", "description": "True when more rows existed than were returned (queries hit max_returned_rows); always false for tables."}""";
        // The envelopes leave `rows` to the schemas that extend them (each table's, QueryRows, the variants), which type its items.
        Envelope("TableEnvelope", "A page of a table or view. Follow `next_url` (or send `_next=next`) for the next page.", new[]
        {
            ("ok", ok),
            ("next", """{"type": ["string", "null"], "description": "Token for the next page, or null on the last page."}"""),
            ("next_url", """{"type": ["string", "null"], "format": "uri", "description": "Absolute URL of the next page, or null."}"""),
            ("truncated", truncated),
        }, instance.TableExtras);
        Envelope("RowEnvelope", "One row by its key.", new[]
        {
            ("ok", ok),
            ("database", """{"type": "string"}"""),
            ("table", """{"type": "string"}"""),
            ("primary_keys", """{"type": "array", "items": {"type": "string"}}"""),
            ("primary_key_values", """{"type": "array", "items": {"type": "string"}}"""),
            ("query_ms", """{"type": "number"}"""),
            ("truncated", truncated),
        }, instance.RowExtras);
        Envelope("QueryEnvelope", "The result of an SQL query: at most max_returned_rows rows.", new[]
        {
            ("ok", ok),
            ("truncated", truncated),
        }, instance.QueryExtras);
        w.Name("QueryRows").RawValue(Minify("""
            {"description": "The result of an SQL query (the default `_shape=objects`).", "allOf": [{"$ref": "#/components/schemas/QueryEnvelope"}], "type": "object",
             "properties": {"rows": {"type": "array", "items": {"$ref": "#/components/schemas/QueryRow"}}}, "required": ["rows"]}
            """));
        w.Name("QueryRow").RawValue(Minify("""{"type": "object", "description": "A row of a query's result: one property per result column (their names and types depend on the SQL)."}"""));
        return w.ToString();
    }

    private static string SettingsSchema()
    {
        var w = OpenApiJsonWriter.Members();
        w.Name("SettingsPage").StartObject().Property("type", "object").Name("properties").StartObject().Name("ok").RawValue("{\"const\":true}");
        // The page's shape is Datasette's: this server's own settings appear only when changed.
        var listed = SettingDefinition.All.Where(s => !s.ListedOnlyWhenChanged).ToArray();
        foreach (var setting in listed)
        {
            w.Name(setting.Name).StartObject().Property("type", setting.Kind switch
            {
                SettingKind.Integer => "integer",
                SettingKind.Boolean => "boolean",
                _ => "string",
            }).Property("description", setting.Description).EndObject();
        }
        return w.EndObject().Strings("required", new[] { "ok" }.Concat(listed.Select(s => s.Name))).EndObject().ToString();
    }

    /// <summary>Removes whitespace outside strings, so the readable JSON below is served compact.</summary>
    public static string Minify(string json)
    {
        var builder = new StringBuilder(json.Length);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                builder.Append(c);
                if (c == '\\')
                {
                    builder.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
                builder.Append(c);
            }
            else if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static string Members(string json)
    {
        var minified = Minify(json);
        return minified.Substring(1, minified.Length - 2);
    }

    private static readonly string SecuritySchemes = Minify("""
        {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "dstok_…",
          "description": "An API token created at /-/create-token: `Authorization: Bearer dstok_…`. A token that is claimed but invalid or expired makes the request fail with 401."}}
        """);

    private static readonly string Headers = Minify("""
        {"Link": {"description": "`<next_url>; rel=\"next\"` when there is another page (for every shape).", "schema": {"type": "string"}}}
        """);

    private static readonly string ErrorResponses = Minify("""
        {"BadRequest": {"description": "Bad request: an invalid argument or SQL error.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
         "Unauthorized": {"description": "The bearer token was claimed but is invalid or expired.", "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
         "Forbidden": {"description": "The actor may not see this resource.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
         "NotFound": {"description": "No such database, table, row or query.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
         "PayloadTooLarge": {"description": "The request body is larger than max_post_body_bytes.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}
        """);

    private static readonly string InstancePaths = Members("""
        {"/.json": {"get": {"tags": ["instance"], "operationId": "instanceIndex", "summary": "Every visible database with its first tables (unstable)", "parameters": [],
           "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IndexPage"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}},
         "/-/databases.json": {"get": {"tags": ["instance"], "operationId": "instanceDatabases", "summary": "Attached databases the actor may view", "parameters": [],
           "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DatabasesPage"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}},
         "/-/versions.json": {"get": {"tags": ["instance"], "operationId": "instanceVersions", "summary": "Versions of Datasette, .NET and SQLite", "parameters": [],
           "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/VersionsPage"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}},
         "/-/settings.json": {"get": {"tags": ["instance"], "operationId": "instanceSettings", "summary": "Effective settings", "parameters": [],
           "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SettingsPage"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}}}
        """);

    private static readonly string ActorPath = Members("""
        {"/-/actor.json": {"get": {"tags": ["instance"], "operationId": "instanceActor", "summary": "The current actor", "parameters": [],
           "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ActorPage"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}}}}}
        """);

    private static readonly Dictionary<string, string> ExtraSchemas = new()
    {
        ["count"] = """{"type": ["integer", "null"], "description": "Rows matching the filters (null when not counted or timed out)."}""",
        ["count_truncated"] = """{"type": "boolean"}""",
        ["count_sql"] = """{"type": "string"}""",
        ["facet_results"] = """{"$ref": "#/components/schemas/FacetResults"}""",
        ["facets_timed_out"] = """{"type": "array", "items": {"type": "string"}}""",
        ["suggested_facets"] = """{"type": "array", "items": {"$ref": "#/components/schemas/SuggestedFacet"}}""",
        ["human_description_en"] = """{"type": "string"}""",
        ["columns"] = """{"type": "array", "items": {"type": "string"}}""",
        ["all_columns"] = """{"type": "array", "items": {"type": "string"}}""",
        ["primary_keys"] = """{"type": "array", "items": {"type": "string"}}""",
        ["column_details"] = """{"$ref": "#/components/schemas/ColumnDetails"}""",
        ["display_columns"] = """{"type": "array", "items": {"$ref": "#/components/schemas/JsonObject"}}""",
        ["render_cell"] = """{"type": "array", "items": {"$ref": "#/components/schemas/StringMap"}}""",
        ["debug"] = """{"$ref": "#/components/schemas/JsonObject"}""",
        ["request"] = """{"$ref": "#/components/schemas/RequestDetails"}""",
        ["query"] = """{"$ref": "#/components/schemas/QueryDetails"}""",
        ["column_types"] = """{"$ref": "#/components/schemas/ColumnTypes"}""",
        ["set_column_type_ui"] = """{"oneOf": [{"$ref": "#/components/schemas/JsonObject"}, {"type": "null"}]}""",
        ["metadata"] = """{"$ref": "#/components/schemas/JsonObject"}""",
        ["extras"] = """{"type": "array", "items": {"$ref": "#/components/schemas/ExtraLink"}}""",
        ["database"] = """{"type": "string"}""",
        ["table"] = """{"type": "string"}""",
        ["database_color"] = """{"type": "string"}""",
        ["renderers"] = """{"$ref": "#/components/schemas/StringMap"}""",
        ["custom_table_templates"] = """{"type": "array", "items": {"type": "string"}}""",
        ["sorted_facet_results"] = """{"type": "array", "items": {"$ref": "#/components/schemas/Facet"}}""",
        ["table_definition"] = """{"type": ["string", "null"]}""",
        ["view_definition"] = """{"type": ["string", "null"]}""",
        ["is_view"] = """{"type": "boolean"}""",
        ["private"] = """{"type": "boolean"}""",
        ["expandable_columns"] = """{"type": "array", "items": {"type": "array"}}""",
        ["form_hidden_args"] = """{"type": "array", "items": {"type": "array", "items": {"type": "string"}}}""",
        ["foreign_key_tables"] = """{"type": "array", "items": {"$ref": "#/components/schemas/ForeignKeyTable"}}""",
    };

    private static readonly string SharedSchemas = Members("""
        {"Error": {"type": "object", "description": "Datasette's error envelope; `error` is `errors` joined with \"; \". A SQL error on a query page (arbitrary or stored) also has `rows: []`, `truncated: false` and any requested extras.",
           "properties": {"ok": {"const": false}, "error": {"type": "string"}, "errors": {"type": "array", "items": {"type": "string"}}, "status": {"type": "integer"}},
           "required": ["ok", "error", "errors", "status"]},
         "Blob": {"type": "object", "description": "A BLOB value, base64-encoded.",
           "properties": {"$base64": {"const": true}, "encoded": {"type": "string", "contentEncoding": "base64"}}, "required": ["$base64", "encoded"], "additionalProperties": false},
         "ForeignKeyLabel": {"type": "object", "description": "A foreign-key value expanded by _labels: the value and the label of the row it points at.",
           "properties": {"value": {}, "label": {}}, "required": ["value", "label"], "additionalProperties": false},
         "RowArray": {"type": "array", "description": "_shape=arrays: a row's values in column order."},
         "FirstColumns": {"type": "array", "description": "_shape=arrayfirst: the first column's value of each row."},
         "NewlineDelimited": {"type": "string", "description": "_shape=array&_nl=on: one compact JSON row per line."},
         "Facet": {"type": "object", "properties": {"name": {"type": "string"}, "type": {"$ref": "#/components/schemas/FacetType"}, "hideable": {"type": "boolean"}, "toggle_url": {"type": "string"},
             "results": {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}},
             "truncated": {"type": "boolean"}}},
         "FacetType": {"type": "string", "enum": ["column", "date", "array"]},
         "FacetValue": {"type": "object", "properties": {"value": {}, "label": {}, "count": {"type": "integer"}, "toggle_url": {"type": "string"}, "selected": {"type": "boolean"}}},
         "SuggestedFacet": {"type": "object", "properties": {"name": {"type": "string"}, "toggle_url": {"type": "string"}, "type": {"type": "string"}}, "required": ["name", "toggle_url"]},
         "ColumnDetail": {"type": "object", "properties": {"type": {"type": "string"}, "sqlite_type": {"$ref": "#/components/schemas/SqliteType"}, "notnull": {"type": "boolean"}, "default": {"type": ["string", "null"]}, "is_pk": {"type": "boolean"}, "pk_position": {"type": "integer"}, "hidden": {"type": "integer"}}},
         "SqliteType": {"type": "string", "enum": ["INTEGER", "REAL", "TEXT", "BLOB", "NUMERIC"]},
         "RequestDetails": {"type": "object", "properties": {"url": {"type": "string"}, "path": {"type": "string"}, "full_path": {"type": "string"}, "host": {"type": "string"}, "args": {"$ref": "#/components/schemas/StringListMap"}}},
         "QueryDetails": {"type": "object", "properties": {"sql": {"type": "string"}, "params": {"$ref": "#/components/schemas/JsonObject"}}, "required": ["sql", "params"]},
         "ColumnDetails": {"type": "object", "description": "Column details by column name.", "additionalProperties": {"$ref": "#/components/schemas/ColumnDetail"}},
         "ColumnTypes": {"type": "object", "description": "Assigned column types by column name.", "additionalProperties": {"$ref": "#/components/schemas/ColumnType"}},
         "FacetsByName": {"type": "object", "description": "Facets by name.", "additionalProperties": {"$ref": "#/components/schemas/Facet"}},
         "JsonObject": {"type": "object", "description": "A JSON object whose keys this document does not fix."},
         "StringMap": {"type": "object", "additionalProperties": {"type": "string"}},
         "StringListMap": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
         "Actor": {"type": "object", "description": "The actor: an object with at least an `id`."},
         "ColumnType": {"type": "object", "properties": {"type": {"type": "string"}, "config": {}}},
         "ExtraLink": {"type": "object", "properties": {"name": {"type": "string"}, "description": {"type": "string"}, "toggle_url": {"type": "string"}, "selected": {"type": "boolean"}}},
         "ForeignKeyTable": {"type": "object", "properties": {"other_table": {"type": "string"}, "column": {"type": "string"}, "other_column": {"type": "string"}, "count": {"type": "integer"}, "link": {"type": "string"}}},
         "FacetResults": {"type": "object", "properties": {"results": {"$ref": "#/components/schemas/FacetsByName"}, "timed_out": {"type": "array", "items": {"type": "string"}}}},
         "ForeignKey": {"type": "object", "properties": {"other_table": {"type": "string"}, "column": {"type": "string"}, "other_column": {"type": "string"}}, "required": ["other_table", "column", "other_column"]},
         "StoredQuery": {"type": "object", "properties": {"database": {"type": "string"}, "name": {"type": "string"}, "sql": {"type": "string"}, "title": {"type": ["string", "null"]},
             "description": {"type": ["string", "null"]}, "description_html": {"type": ["string", "null"]}, "hide_sql": {"type": "boolean"}, "fragment": {"type": ["string", "null"]},
             "parameters": {"type": "array", "items": {"type": "string"}}, "is_write": {"type": "boolean"}, "is_private": {"type": "boolean"}, "is_trusted": {"type": "boolean"},
             "source": {"$ref": "#/components/schemas/StoredQuerySource"}, "owner_id": {"type": ["string", "null"]}, "private": {"type": "boolean"}}, "required": ["database", "name", "sql"]},
         "StoredQuerySource": {"type": "string", "enum": ["config", "user", "plugin"]},
         "IndexPage": {"type": "object", "properties": {"ok": {"const": true}, "unstable": {"type": "string"},
             "databases": {"type": "array", "items": {"$ref": "#/components/schemas/IndexDatabase"}},
             "metadata": {"$ref": "#/components/schemas/StringMap"}}, "required": ["ok", "databases", "metadata"]},
         "IndexDatabase": {"type": "object", "properties": {"name": {"type": "string"}, "hash": {"type": ["string", "null"]}, "color": {"type": "string"}, "path": {"type": "string"},
               "tables_and_views_truncated": {"type": "array", "items": {"$ref": "#/components/schemas/IndexTable"}},
               "tables_and_views_more": {"type": "boolean"}, "tables_count": {"type": "integer"}, "table_rows_sum": {"type": "integer"}, "show_table_row_counts": {"type": "boolean"},
               "hidden_table_rows_sum": {"type": "integer"}, "hidden_tables_count": {"type": "integer"}, "views_count": {"type": "integer"}, "private": {"type": "boolean"}}, "required": ["name", "path"]},
         "IndexTable": {"type": "object", "properties": {"name": {"type": "string"}, "columns": {"type": "array", "items": {"type": "string"}},
                 "primary_keys": {"type": "array", "items": {"type": "string"}}, "count": {"type": ["integer", "null"]}, "hidden": {"type": "boolean"}, "fts_table": {"type": ["string", "null"]},
                 "num_relationships_for_sorting": {"type": "integer"}, "private": {"type": "boolean"}}, "required": ["name"]},
         "DatabasesPage": {"type": "object", "properties": {"ok": {"const": true}, "databases": {"type": "array", "items": {"$ref": "#/components/schemas/AttachedDatabase"}}}, "required": ["ok", "databases"]},
         "AttachedDatabase": {"type": "object", "properties": {"name": {"type": "string"}, "route": {"type": "string"},
             "path": {"type": ["string", "null"]}, "size": {"type": "integer"}, "is_mutable": {"type": "boolean"}, "is_memory": {"type": "boolean"}, "hash": {"type": ["string", "null"]}},
             "required": ["name", "route", "path", "size", "is_mutable", "is_memory", "hash"]},
         "VersionsPage": {"type": "object", "properties": {"ok": {"const": true}, "datasette": {"$ref": "#/components/schemas/DatasetteVersion"},
             "datasette_gen": {"$ref": "#/components/schemas/DatasetteVersion"}, "dotnet": {"$ref": "#/components/schemas/DotnetVersion"},
             "sqlite": {"$ref": "#/components/schemas/SqliteVersion"}}, "required": ["ok", "datasette", "sqlite"]},
         "DatasetteVersion": {"type": "object", "properties": {"version": {"type": "string"}}, "required": ["version"]},
         "DotnetVersion": {"type": "object", "properties": {"version": {"type": "string"}, "full": {"type": "string"}, "native_aot": {"type": "boolean"}}},
         "SqliteVersion": {"type": "object", "properties": {"version": {"type": "string"}, "fts_versions": {"type": "array", "items": {"type": "string"}}, "extensions": {"$ref": "#/components/schemas/JsonObject"},
               "compile_options": {"type": "array", "items": {"type": "string"}}}, "required": ["version"]},
         "ActorPage": {"type": "object", "properties": {"ok": {"const": true}, "actor": {"oneOf": [{"$ref": "#/components/schemas/Actor"}, {"type": "null"}]}}, "required": ["ok", "actor"]},
         "DatabasePage": {"type": "object", "properties": {"ok": {"const": true}, "database": {"type": "string"}, "private": {"type": "boolean"}, "path": {"type": "string"}, "size": {"type": "integer"},
             "tables": {"type": "array", "items": {"$ref": "#/components/schemas/DatabaseTable"}},
             "hidden_count": {"type": "integer"}, "views": {"type": "array", "items": {"$ref": "#/components/schemas/DatabaseView"}},
             "queries": {"type": "array", "items": {"$ref": "#/components/schemas/StoredQuery"}}, "queries_more": {"type": "boolean"}, "queries_count": {"type": "integer"},
             "allow_execute_sql": {"type": "boolean"}, "table_columns": {"$ref": "#/components/schemas/StringListMap"},
             "metadata": {"$ref": "#/components/schemas/StringMap"}}, "required": ["ok", "database", "path", "tables", "views", "queries"]},
         "DatabaseTable": {"type": "object", "properties": {"name": {"type": "string"}, "columns": {"type": "array", "items": {"type": "string"}},
               "primary_keys": {"type": "array", "items": {"type": "string"}}, "count": {"type": ["integer", "null"]}, "count_truncated": {"type": "boolean"}, "hidden": {"type": "boolean"},
               "fts_table": {"type": ["string", "null"]}, "foreign_keys": {"$ref": "#/components/schemas/TableForeignKeys"}, "private": {"type": "boolean"}}, "required": ["name", "columns", "primary_keys"]},
         "TableForeignKeys": {"type": "object", "properties": {"incoming": {"type": "array", "items": {"$ref": "#/components/schemas/ForeignKey"}},
                 "outgoing": {"type": "array", "items": {"$ref": "#/components/schemas/ForeignKey"}}}},
         "DatabaseView": {"type": "object", "properties": {"name": {"type": "string"}, "private": {"type": "boolean"}}}}
        """);
}
