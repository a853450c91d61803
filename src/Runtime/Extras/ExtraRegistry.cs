using System.Text.Json;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Extras;

/// <summary>
/// Every <c>_extra=</c> block declared once (Datasette's <c>datasette/extras.py</c> registry):
/// which page offers it, which it shows unasked, what it brings along. Pages parse
/// <c>_extra=</c> here and write the resolved set through their ordered writer lists.
/// </summary>
internal static class ExtraRegistry
{
    /// <summary>In the order the <c>extras</c> block lists them.</summary>
    public static readonly ExtraDefinition[] Definitions =
    {
        new(Extra.Count, "count",
            "Total count of rows matching these filters",
            ExtraScopes.Table, Implies: ExtraSet.Of(Extra.CountTruncated)),
        new(Extra.CountTruncated, "count_truncated",
            "True if the count hit Datasette's counting limit, meaning the real number of matching rows is at least the reported count.",
            ExtraScopes.Table),
        new(Extra.CountSql, "count_sql",
            "SQL query string used to calculate the total count for the current table view, including active filters.",
            ExtraScopes.Table),
        new(Extra.FacetResults, "facet_results",
            "Results of facets calculated against this data. A dictionary with ``results`` and ``timed_out`` keys: ``results`` maps facet names to facet dictionaries with ``name``, ``type``, ``results`` and URL keys, and each facet result item includes ``value``, ``label``, ``count`` and ``toggle_url``.",
            ExtraScopes.Table),
        new(Extra.FacetsTimedOut, "facets_timed_out",
            "List of names of facet calculations that exceeded the facet time limit.",
            ExtraScopes.Table, Implies: ExtraSet.Of(Extra.FacetResults)),
        new(Extra.SuggestedFacets, "suggested_facets",
            "Suggestions for facets that might return interesting results. Each item is a dictionary with ``name`` and ``toggle_url`` keys, and may include extra keys such as ``type`` or ``label`` depending on the facet class.",
            ExtraScopes.Table),
        new(Extra.HumanDescriptionEn, "human_description_en",
            "Human-readable description of the filters",
            ExtraScopes.Table),
        new(Extra.Columns, "columns",
            "List of column names returned by this table, row or query.",
            ExtraScopes.Table | ExtraScopes.Row | ExtraScopes.Query),
        new(Extra.AllColumns, "all_columns",
            "List of all column names in the table, regardless of ``_col=`` or ``_nocol=`` filtering.",
            ExtraScopes.Table),
        new(Extra.PrimaryKeys, "primary_keys",
            "List of primary key column names for this table, or an empty list if the table has no explicit primary key.",
            ExtraScopes.Table | ExtraScopes.Row, DefaultIn: ExtraScopes.Row),
        new(Extra.ColumnDetails, "column_details",
            "SQLite schema details for columns in this table. The dictionary maps column names to objects describing the schema for each column.",
            ExtraScopes.Table | ExtraScopes.Row),
        new(Extra.DisplayColumns, "display_columns",
            "Column metadata used by the HTML table display. Each item includes ``name``, ``sortable``, ``is_pk``, ``type``, ``notnull``, ``description``, ``column_type`` and ``column_type_config`` keys.",
            ExtraScopes.Table),
        new(Extra.RenderCell, "render_cell",
            "Rendered HTML for each cell using the render_cell plugin hook",
            ExtraScopes.Table | ExtraScopes.Row | ExtraScopes.Query),
        new(Extra.Debug, "debug",
            "Extra debug information dictionary. This is intended for development only and its shape is not part of the stable template contract.",
            ExtraScopes.Table | ExtraScopes.Row | ExtraScopes.Query),
        new(Extra.Request, "request",
            "Dictionary with request details: ``url``, ``path``, ``full_path``, ``host`` and ``args`` where ``args`` maps query string parameter names to their values.",
            ExtraScopes.Table | ExtraScopes.Row | ExtraScopes.Query),
        new(Extra.Query, "query",
            "Details of the underlying SQL query as a dictionary with ``sql`` and ``params`` keys.",
            ExtraScopes.Table | ExtraScopes.Row | ExtraScopes.Query),
        new(Extra.ColumnTypes, "column_types",
            "Column type assignments for this table. A dictionary mapping column names to ``{\"type\": type_name, \"config\": config}`` dictionaries.",
            ExtraScopes.Table | ExtraScopes.Row),
        new(Extra.SetColumnTypeUi, "set_column_type_ui",
            "Information needed to build an interface for assigning column types, or ``None`` if unavailable. When present it has ``path`` and ``columns`` keys; ``columns`` maps column names to ``current`` and ``options`` values.",
            ExtraScopes.Table),
        new(Extra.Metadata, "metadata",
            "Metadata dictionary for the table, database or stored query. Table and row metadata include a ``columns`` dictionary mapping column names to descriptions; stored query metadata returns the stored query configuration.",
            ExtraScopes.Table | ExtraScopes.Row | ExtraScopes.Query),
        new(Extra.Extras, "extras",
            "List of ``?_extra=`` blocks that can be used on this page. Each item has ``name``, ``description``, ``toggle_url`` and ``selected`` keys.",
            ExtraScopes.Table | ExtraScopes.Row | ExtraScopes.Query),
        new(Extra.Database, "database",
            "Database name",
            ExtraScopes.Table | ExtraScopes.Row | ExtraScopes.Query, DefaultIn: ExtraScopes.Row),
        new(Extra.Table, "table",
            "Table name",
            ExtraScopes.Table | ExtraScopes.Row, DefaultIn: ExtraScopes.Row),
        new(Extra.DatabaseColor, "database_color",
            "Color assigned to the database",
            ExtraScopes.Table | ExtraScopes.Row | ExtraScopes.Query),
        new(Extra.Renderers, "renderers",
            "Dictionary mapping output format names such as ``json`` or plugin-provided renderer names to URLs for this data in that format.",
            ExtraScopes.Table),
        new(Extra.CustomTableTemplates, "custom_table_templates",
            "List of custom template names considered for rendering table rows, in lookup order.",
            ExtraScopes.Table),
        new(Extra.SortedFacetResults, "sorted_facet_results",
            "Facet result dictionaries sorted for display. Each item has the same shape as an entry from ``facet_results['results']``.",
            ExtraScopes.Table, Implies: ExtraSet.Of(Extra.FacetResults)),
        new(Extra.TableDefinition, "table_definition",
            "SQL definition for this table",
            ExtraScopes.Table),
        new(Extra.ViewDefinition, "view_definition",
            "SQL definition for this view",
            ExtraScopes.Table),
        new(Extra.IsView, "is_view",
            "Whether this resource is a view instead of a table",
            ExtraScopes.Table),
        new(Extra.Private, "private",
            "Whether this resource is private to the current actor",
            ExtraScopes.Table | ExtraScopes.Row | ExtraScopes.Query),
        new(Extra.ExpandableColumns, "expandable_columns",
            "List of foreign key columns that can be expanded with labels. Each item is a ``(foreign_key, label_column)`` pair where ``foreign_key`` is the SQLite foreign key dictionary and ``label_column`` is the label column in the referenced table, or ``None``.",
            ExtraScopes.Table),
        new(Extra.FormHiddenArgs, "form_hidden_args",
            "List of ``(name, value)`` pairs for hidden form fields used by the HTML table interface to preserve current query string options.",
            ExtraScopes.Table),
        new(Extra.ForeignKeyTables, "foreign_key_tables",
            "List of tables with foreign keys referencing this row, with the number of referencing rows and a link to them.",
            ExtraScopes.Row),
        new(Extra.PrimaryKeyValues, "primary_key_values", "Primary key values of this row.", ExtraScopes.Row, DefaultIn: ExtraScopes.Row, Public: false),
    };

    private static readonly Dictionary<string, ExtraDefinition> ByName = Definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
    private static readonly Dictionary<string, ExtraDefinition>.AlternateLookup<ReadOnlySpan<char>> ByNameSpan = ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The names <c>_extra=</c> accepts on the table, row and query pages, in catalogue order.</summary>
    public static readonly string[] TableNames = PublicNames(ExtraScopes.Table);
    public static readonly string[] RowNames = PublicNames(ExtraScopes.Row);
    public static readonly string[] QueryNames = PublicNames(ExtraScopes.Query);

    private static readonly ExtraSet TableDefaults = Defaults(ExtraScopes.Table);
    private static readonly ExtraSet RowDefaults = Defaults(ExtraScopes.Row);
    private static readonly ExtraSet QueryDefaults = Defaults(ExtraScopes.Query);

    /// <summary>
    /// The extras <c>_extra=</c> names for <paramref name="scope"/>: repeated arguments and comma
    /// lists, empty parts skipped, nothing trimmed (Datasette's <c>extra_names_from_request</c>).
    /// A name this scope does not offer publicly is a 400 listing every such name once, sorted,
    /// unless <paramref name="rejectUnknown"/> is false (Datasette's HTML pages ignore them).
    /// </summary>
    public static ExtraSet Parse(QueryArgs args, ExtraScopes scope, bool rejectUnknown = true)
    {
        var requested = ExtraSet.None;
        SortedSet<string>? unknown = null;
        // Indexed, not foreach: enumerating the IReadOnlyList would box its enumerator on every page.
        var pairs = args.Pairs;
        for (var i = 0; i < pairs.Count; i++)
        {
            var (key, value) = pairs[i];
            if (key != "_extra")
            {
                continue;
            }
            foreach (var range in value.AsSpan().Split(','))
            {
                var name = value.AsSpan()[range];
                if (name.IsEmpty)
                {
                    continue;
                }
                if (ByNameSpan.TryGetValue(name, out var definition) && definition.Public && (definition.Scopes & scope) != 0)
                {
                    requested = requested.With(definition.Id);
                }
                else if (rejectUnknown)
                {
                    (unknown ??= new SortedSet<string>(StringComparer.Ordinal)).Add(name.ToString());
                }
            }
        }
        if (unknown is not null)
        {
            throw DatasetteHttpException.BadRequest("Unknown _extra: " + string.Join(", ", unknown));
        }
        return requested;
    }

    /// <summary>
    /// Whether the page will write <paramref name="extra"/>, known before its rows are read (an unknown name is
    /// rejected later, by <see cref="Parse"/>, in the page's own order).
    /// </summary>
    public static bool Asks(QueryArgs args, ExtraScopes scope, Extra extra) => Resolve(Parse(args, scope, rejectUnknown: false), scope).Has(extra);

    /// <summary>What a page writes: the requested extras, what they bring along, and the scope's defaults.</summary>
    public static ExtraSet Resolve(ExtraSet requested, ExtraScopes scope)
    {
        var resolved = requested.Union(scope switch
        {
            ExtraScopes.Table => TableDefaults,
            ExtraScopes.Row => RowDefaults,
            ExtraScopes.Query => QueryDefaults,
            _ => ExtraSet.None,
        });
        if (requested.IsEmpty)
        {
            return resolved;
        }
        foreach (var definition in Definitions)
        {
            if (requested.Has(definition.Id))
            {
                resolved = resolved.Union(definition.Implies);
            }
        }
        return resolved;
    }

    /// <summary>The <c>extras</c> block: every public block of this scope with a URL that toggles it.</summary>
    public static void WriteCatalogue(Utf8JsonWriter writer, DatasetteRequest request, ExtraScopes scope, ExtraSet requested)
    {
        writer.WriteStartArray("extras");
        foreach (var definition in Definitions)
        {
            if (!definition.Public || (definition.Scopes & scope) == 0)
            {
                continue;
            }
            var name = definition.Name;
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteString("description", definition.Description);
            var isSelected = requested.Has(definition.Id);
            var query = isSelected
                ? new QueryArgs(request.Args.Pairs.Where(p => !(p.Key == "_extra" && p.Value == name)).ToList()).ToQueryString()
                : request.Args.ToQueryString(append: new[] { new KeyValuePair<string, string>("_extra", name) });
            writer.WriteString("toggle_url", request.Origin + request.RawPath + query);
            writer.WriteBoolean("selected", isSelected);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static string[] PublicNames(ExtraScopes scope) =>
        Definitions.Where(d => d.Public && (d.Scopes & scope) != 0).Select(d => d.Name).ToArray();

    private static ExtraSet Defaults(ExtraScopes scope)
    {
        var set = ExtraSet.None;
        foreach (var definition in Definitions)
        {
            if ((definition.DefaultIn & scope) != 0)
            {
                set = set.With(definition.Id);
            }
        }
        return set;
    }
}
