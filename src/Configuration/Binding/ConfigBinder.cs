using Datasette.Gen.Configuration.Diagnostics;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Schema;
using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Configuration.Binding;

/// <summary>What binding produced: the configuration, the metadata rows and every diagnostic.</summary>
public sealed record BindResult(
    DatasetteConfig Config,
    EquatableArray<MetadataItem> Metadata,
    EquatableArray<ConfigDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// The one validator: turns a configuration tree (and an optional metadata tree) into a
/// <see cref="DatasetteConfig"/>, reporting every problem rather than stopping at the first.
/// The generator runs it at build time; the runtime runs it on files given with -c/-m.
/// </summary>
public static class ConfigBinder
{
    /// <param name="config">datasette.yaml (or .json), or null.</param>
    /// <param name="metadata">metadata.yaml (or .json), or null.</param>
    /// <param name="extraActionNames">Actions registered by plugins, which <c>permissions:</c> blocks may name besides the built-in ones.</param>
    /// <param name="schema">
    /// The databases' schema: when given, databases, tables, columns, FTS tables and stored-query
    /// SQL named in the configuration are checked against it (DSG0030–DSG0035); when null those
    /// checks are skipped.
    /// </param>
    public static BindResult Bind(ConfigDocument? config, ConfigDocument? metadata, IReadOnlyCollection<string>? extraActionNames = null, SchemaSnapshot? schema = null)
    {
        var context = new BindContext();
        var knownActions = new HashSet<string>(ActionDefinition.BuiltIn.Select(a => a.Name));
        if (extraActionNames is not null)
        {
            knownActions.UnionWith(extraActionNames);
        }

        var configRoot = RootMapping(config, context);
        if (config is not null)
        {
            context.AddRange(config.Diagnostics);
        }
        var metadataRoot = RootMapping(metadata, context);
        if (metadata is not null)
        {
            context.AddRange(metadata.Diagnostics);
        }

        var effective = configRoot ?? ConfigTree.EmptyMapping(SourceSpan.None(config?.Path ?? "datasette.yaml"));
        var metadataItems = new List<MetadataItem>();
        if (metadataRoot is not null)
        {
            effective = MetadataBinder.Migrate(effective, metadataRoot, metadataItems, context);
        }
        if (configRoot is not null)
        {
            WarnOnDescriptiveKeys(configRoot, context);
        }

        var binder = new Binder(context, knownActions, schema is null ? null : new SchemaChecks(schema, context));
        var result = binder.BindRoot(effective);
        return new BindResult(result, metadataItems.ToEquatableArray(), context.Diagnostics.ToEquatableArray());
    }

    private static ConfigMapping? RootMapping(ConfigDocument? document, BindContext context)
    {
        switch (document?.Root)
        {
            case null:
            case ConfigScalar { Kind: ScalarKind.Null }:
                return null;
            case ConfigMapping mapping:
                return mapping;
            case var other:
                context.Report(DiagnosticCatalog.RootNotMapping, other.Span, BindContext.Describe(other));
                return null;
        }
    }

    private static void WarnOnDescriptiveKeys(ConfigMapping root, BindContext context)
    {
        void Check(ConfigMapping mapping)
        {
            foreach (var entry in mapping.Entries)
            {
                if (KnownKeys.Descriptive.Contains(entry.Key))
                {
                    context.Report(DiagnosticCatalog.MetadataKeyInConfig, entry.KeySpan, entry.Key);
                }
            }
        }

        Check(root);
        foreach (var database in Children(root["databases"]))
        {
            Check(database);
            foreach (var table in Children(database["tables"]))
            {
                Check(table);
                if (table.Entry("columns") is { } columns)
                {
                    context.Report(DiagnosticCatalog.MetadataKeyInConfig, columns.KeySpan, "columns");
                }
            }
        }
    }

    private static IEnumerable<ConfigMapping> Children(ConfigNode? node) =>
        node is ConfigMapping mapping ? mapping.Entries.Select(e => e.Value).OfType<ConfigMapping>() : Enumerable.Empty<ConfigMapping>();

    private sealed class Binder
    {
        private readonly BindContext _context;
        private readonly HashSet<string> _knownActions;
        private readonly SchemaChecks? _schema;

        public Binder(BindContext context, HashSet<string> knownActions, SchemaChecks? schema)
        {
            _context = context;
            _knownActions = knownActions;
            _schema = schema;
        }

        public DatasetteConfig BindRoot(ConfigMapping root)
        {
            foreach (var entry in root.Entries)
            {
                if (!KnownKeys.Root.Contains(entry.Key) && !KnownKeys.Descriptive.Contains(entry.Key))
                {
                    _context.Report(DiagnosticCatalog.UnknownKey, entry.KeySpan, entry.Key, "the configuration root");
                }
            }
            var settings = SettingsBinder.Bind(root["settings"], _context);
            CheckReferences(root["plugins"]);
            var databases = new List<DatabaseConfig>();
            if (_context.Mapping(root["databases"], "databases") is { } databaseMapping)
            {
                foreach (var entry in databaseMapping.Entries)
                {
                    if (ReferenceEquals(databaseMapping.Entry(entry.Key), entry))
                    {
                        databases.Add(BindDatabase(entry, settings));
                    }
                }
            }
            return new DatasetteConfig(
                settings,
                databases.ToEquatableArray(),
                AllowBlockValidator.Validate(root["allow"], "allow", _context),
                AllowSql(root["allow_sql"], "allow_sql"),
                BindPermissions(root["permissions"], "permissions"),
                BindExtraUrls(root["extra_css_urls"], "extra_css_urls"),
                BindExtraUrls(root["extra_js_urls"], "extra_js_urls"),
                root);
        }

        private ConfigNode? AllowSql(ConfigNode? node, string where) => AllowBlockValidator.Validate(node, where, _context);

        private DatabaseConfig BindDatabase(ConfigEntry entry, Settings settings)
        {
            var where = "databases." + entry.Key;
            var mapping = _context.Mapping(entry.Value, where) ?? ConfigTree.EmptyMapping(entry.Value.Span);
            foreach (var child in mapping.Entries)
            {
                if (!KnownKeys.Database.Contains(child.Key) && !KnownKeys.Descriptive.Contains(child.Key))
                {
                    _context.Report(DiagnosticCatalog.UnknownKey, child.KeySpan, child.Key, where);
                }
            }
            CheckReferences(mapping["plugins"]);
            var snapshot = _schema?.Database(entry);
            var tables = new List<TableConfig>();
            if (_context.Mapping(mapping["tables"], where + ".tables") is { } tableMapping)
            {
                foreach (var table in tableMapping.Entries)
                {
                    if (ReferenceEquals(tableMapping.Entry(table.Key), table))
                    {
                        tables.Add(BindTable(table, where + ".tables." + table.Key, settings, snapshot));
                    }
                }
            }
            var queries = new List<QueryConfig>();
            if (_context.Mapping(mapping["queries"], where + ".queries") is { } queryMapping)
            {
                foreach (var query in queryMapping.Entries)
                {
                    if (ReferenceEquals(queryMapping.Entry(query.Key), query) && BindQuery(query, where + ".queries." + query.Key, snapshot) is { } bound)
                    {
                        queries.Add(bound);
                    }
                }
            }
            return new DatabaseConfig(
                entry.Key,
                tables.ToEquatableArray(),
                queries.ToEquatableArray(),
                AllowBlockValidator.Validate(mapping["allow"], where + ".allow", _context),
                AllowSql(mapping["allow_sql"], where + ".allow_sql"),
                BindPermissions(mapping["permissions"], where + ".permissions"),
                entry.KeySpan);
        }

        private TableConfig BindTable(ConfigEntry entry, string where, Settings settings, DatabaseSnapshot? snapshot)
        {
            var mapping = _context.Mapping(entry.Value, where) ?? ConfigTree.EmptyMapping(entry.Value.Span);
            if (snapshot is not null)
            {
                _schema!.Table(snapshot, entry, mapping);
            }
            foreach (var child in mapping.Entries)
            {
                if (!KnownKeys.Table.Contains(child.Key) && !KnownKeys.Descriptive.Contains(child.Key) && child.Key != "columns")
                {
                    _context.Report(DiagnosticCatalog.UnknownKey, child.KeySpan, child.Key, where);
                }
            }
            CheckReferences(mapping["plugins"]);
            var sort = _context.String(mapping["sort"], where + ".sort");
            var sortDesc = _context.String(mapping["sort_desc"], where + ".sort_desc");
            if (sort is not null && sortDesc is not null)
            {
                _context.Report(DiagnosticCatalog.SortAndSortDesc, mapping.Entry("sort_desc")!.KeySpan, entry.Key);
            }
            var searchMode = _context.String(mapping["searchmode"], where + ".searchmode");
            if (searchMode is not null && searchMode is not ("raw" or "escaped"))
            {
                _context.Report(DiagnosticCatalog.InvalidSearchMode, mapping["searchmode"]!.Span, "'" + searchMode + "'");
                searchMode = null;
            }
            var size = BindSize(mapping["size"], "size", settings);
            return new TableConfig(entry.Key, entry.KeySpan)
            {
                Hidden = _context.Boolean(mapping["hidden"], where + ".hidden") ?? false,
                Sort = sort,
                SortDesc = sortDesc,
                Size = size,
                SortableColumns = _context.StringList(mapping["sortable_columns"], where + ".sortable_columns"),
                LabelColumn = _context.String(mapping["label_column"], where + ".label_column"),
                Facets = BindFacets(mapping["facets"], where + ".facets"),
                FacetSize = BindSize(mapping["facet_size"], "facet_size", null),
                FtsTable = _context.String(mapping["fts_table"], where + ".fts_table"),
                FtsPk = _context.String(mapping["fts_pk"], where + ".fts_pk"),
                SearchMode = searchMode,
                ColumnTypes = BindColumnTypes(mapping["column_types"], where + ".column_types"),
                Allow = AllowBlockValidator.Validate(mapping["allow"], where + ".allow", _context),
                Permissions = BindPermissions(mapping["permissions"], where + ".permissions"),
            };
        }

        private PageSize? BindSize(ConfigNode? node, string key, Settings? settings)
        {
            switch (node)
            {
                case null:
                case ConfigScalar { Kind: ScalarKind.Null }:
                    return null;
                case ConfigScalar { Kind: ScalarKind.String, Text: "max" }:
                    return PageSize.Max;
                case ConfigScalar { Kind: ScalarKind.Integer } number when number.IntegerValue > 0 && number.IntegerValue <= int.MaxValue:
                    if (settings is not null && number.IntegerValue > settings.MaxReturnedRows)
                    {
                        _context.Report(DiagnosticCatalog.SizeOverMax, number.Span, key, number.IntegerValue, settings.MaxReturnedRows);
                    }
                    return new PageSize((int)number.IntegerValue, false);
                default:
                    _context.Report(DiagnosticCatalog.InvalidSize, node.Span, key, BindContext.Describe(node));
                    return null;
            }
        }

        private EquatableArray<FacetConfig> BindFacets(ConfigNode? node, string where)
        {
            if (node is null or ConfigScalar { Kind: ScalarKind.Null })
            {
                return EquatableArray<FacetConfig>.Empty;
            }
            if (node is not ConfigSequence sequence)
            {
                _context.Report(DiagnosticCatalog.WrongShape, node.Span, where, "a list", BindContext.Describe(node));
                return EquatableArray<FacetConfig>.Empty;
            }
            var facets = new List<FacetConfig>();
            foreach (var item in sequence.Items)
            {
                if (item is ConfigScalar { Kind: ScalarKind.String } column)
                {
                    facets.Add(new FacetConfig(FacetType.Column, column.Text));
                    continue;
                }
                if (item is ConfigMapping { Entries.Count: 1 } mapping
                    && mapping.Entries[0].Value is ConfigScalar { Kind: ScalarKind.String } target
                    && mapping.Entries[0].Key is "column" or "date" or "array")
                {
                    var type = mapping.Entries[0].Key switch
                    {
                        "date" => FacetType.Date,
                        "array" => FacetType.Array,
                        _ => FacetType.Column,
                    };
                    facets.Add(new FacetConfig(type, target.Text));
                    continue;
                }
                _context.Report(DiagnosticCatalog.InvalidFacet, item.Span, BindContext.Describe(item));
            }
            return facets.ToEquatableArray();
        }

        private EquatableArray<ColumnTypeConfig> BindColumnTypes(ConfigNode? node, string where)
        {
            var mapping = _context.Mapping(node, where);
            if (mapping is null)
            {
                return EquatableArray<ColumnTypeConfig>.Empty;
            }
            var types = new List<ColumnTypeConfig>();
            foreach (var entry in mapping.Entries)
            {
                switch (entry.Value)
                {
                    case ConfigScalar { Kind: ScalarKind.String } name:
                        types.Add(new ColumnTypeConfig(entry.Key, name.Text, null));
                        break;
                    case ConfigMapping typed when typed["type"] is ConfigScalar { Kind: ScalarKind.String } name:
                        types.Add(new ColumnTypeConfig(entry.Key, name.Text, typed["config"]));
                        break;
                    default:
                        _context.Report(DiagnosticCatalog.WrongShape, entry.Value.Span, where + "." + entry.Key, "a type name or a mapping with 'type'", BindContext.Describe(entry.Value));
                        break;
                }
            }
            return types.ToEquatableArray();
        }

        private QueryConfig? BindQuery(ConfigEntry entry, string where, DatabaseSnapshot? snapshot)
        {
            var name = entry.Key;
            if (name.Length == 0 || name.IndexOfAny(new[] { '/', '.', '\n', '\r' }) >= 0)
            {
                _context.Report(DiagnosticCatalog.InvalidQueryName, entry.KeySpan, name.Replace("\n", "\\n"));
            }
            if (entry.Value is ConfigScalar { Kind: ScalarKind.String } bare)
            {
                CheckSql(snapshot, name, bare);
                return new QueryConfig(name, bare.Text, entry.KeySpan);
            }
            if (entry.Value is not ConfigMapping mapping)
            {
                _context.Report(DiagnosticCatalog.WrongShape, entry.Value.Span, where, "an SQL string or a mapping with 'sql'", BindContext.Describe(entry.Value));
                return null;
            }
            foreach (var child in mapping.Entries)
            {
                if (!KnownKeys.Query.Contains(child.Key))
                {
                    _context.Report(DiagnosticCatalog.UnknownKey, child.KeySpan, child.Key, where);
                }
            }
            var sqlNode = mapping["sql"];
            if (sqlNode is null)
            {
                _context.Report(DiagnosticCatalog.QueryWithoutSql, entry.KeySpan, name);
                return null;
            }
            if (sqlNode is not ConfigScalar { Kind: ScalarKind.String } sql)
            {
                _context.Report(DiagnosticCatalog.QuerySqlNotString, sqlNode.Span, name, BindContext.Describe(sqlNode));
                return null;
            }
            CheckSql(snapshot, name, sql);
            EquatableArray<string>? parameters = null;
            if (mapping["params"] is { } paramsNode and not ConfigScalar { Kind: ScalarKind.Null })
            {
                if (paramsNode is ConfigSequence list && list.Items.All(i => i is ConfigScalar { Kind: ScalarKind.String }))
                {
                    parameters = list.Items.Cast<ConfigScalar>().Select(s => s.Text).ToEquatableArray();
                }
                else
                {
                    _context.Report(DiagnosticCatalog.InvalidQueryParams, paramsNode.Span, name, ", got " + BindContext.Describe(paramsNode));
                }
            }
            return new QueryConfig(name, sql.Text, entry.KeySpan)
            {
                Title = _context.String(mapping["title"], where + ".title"),
                Description = _context.String(mapping["description"], where + ".description"),
                DescriptionHtml = _context.String(mapping["description_html"], where + ".description_html"),
                HideSql = _context.Boolean(mapping["hide_sql"], where + ".hide_sql") ?? false,
                Fragment = _context.String(mapping["fragment"], where + ".fragment"),
                Params = parameters,
                IsWrite = _context.Boolean(mapping["write"], where + ".write") ?? false,
                IsTrusted = _context.Boolean(mapping["is_trusted"], where + ".is_trusted") ?? true,
                OnSuccessMessage = _context.String(mapping["on_success_message"], where + ".on_success_message"),
                OnSuccessMessageSql = _context.String(mapping["on_success_message_sql"], where + ".on_success_message_sql"),
                OnSuccessRedirect = _context.String(mapping["on_success_redirect"], where + ".on_success_redirect"),
                OnErrorMessage = _context.String(mapping["on_error_message"], where + ".on_error_message"),
                OnErrorRedirect = _context.String(mapping["on_error_redirect"], where + ".on_error_redirect"),
                Allow = AllowBlockValidator.Validate(mapping["allow"], where + ".allow", _context),
                Permissions = BindPermissions(mapping["permissions"], where + ".permissions"),
            };
        }

        private void CheckSql(DatabaseSnapshot? snapshot, string name, ConfigScalar sql)
        {
            if (snapshot is not null)
            {
                _schema!.Query(snapshot, name, sql);
            }
        }

        private EquatableArray<PermissionConfig> BindPermissions(ConfigNode? node, string where)
        {
            var mapping = _context.Mapping(node, where);
            if (mapping is null)
            {
                return EquatableArray<PermissionConfig>.Empty;
            }
            var permissions = new List<PermissionConfig>();
            foreach (var entry in mapping.Entries)
            {
                if (!_knownActions.Contains(entry.Key))
                {
                    _context.Report(DiagnosticCatalog.UnknownAction, entry.KeySpan, entry.Key, Suggest(entry.Key, _knownActions));
                    continue;
                }
                if (AllowBlockValidator.Validate(entry.Value, where + "." + entry.Key, _context) is { } allow)
                {
                    permissions.Add(new PermissionConfig(entry.Key, allow));
                }
            }
            return permissions.ToEquatableArray();
        }

        private EquatableArray<ExtraUrl> BindExtraUrls(ConfigNode? node, string where)
        {
            if (node is null or ConfigScalar { Kind: ScalarKind.Null })
            {
                return EquatableArray<ExtraUrl>.Empty;
            }
            if (node is not ConfigSequence sequence)
            {
                _context.Report(DiagnosticCatalog.WrongShape, node.Span, where, "a list", BindContext.Describe(node));
                return EquatableArray<ExtraUrl>.Empty;
            }
            var urls = new List<ExtraUrl>();
            foreach (var item in sequence.Items)
            {
                switch (item)
                {
                    case ConfigScalar { Kind: ScalarKind.String } url:
                        urls.Add(new ExtraUrl(url.Text, null, false));
                        break;
                    case ConfigMapping mapping when mapping["url"] is ConfigScalar { Kind: ScalarKind.String } url:
                        urls.Add(new ExtraUrl(url.Text, (mapping["sri"] as ConfigScalar)?.Text, mapping["module"] is ConfigScalar { BooleanValue: true }));
                        break;
                    default:
                        _context.Report(DiagnosticCatalog.InvalidExtraUrl, item.Span, where);
                        break;
                }
            }
            return urls.ToEquatableArray();
        }

        /// <summary>Plugin configuration keeps $env/$file references for run time; only their shape is checked here.</summary>
        private void CheckReferences(ConfigNode? node)
        {
            switch (node)
            {
                case ConfigMapping mapping:
                    var reference = mapping.Entry("$env") ?? mapping.Entry("$file");
                    if (reference is not null)
                    {
                        if (mapping.Entries.Count != 1 || reference.Value is not ConfigScalar { Kind: ScalarKind.String })
                        {
                            _context.Report(DiagnosticCatalog.InvalidReference, reference.KeySpan, reference.Key);
                        }
                        return;
                    }
                    foreach (var entry in mapping.Entries)
                    {
                        CheckReferences(entry.Value);
                    }
                    break;
                case ConfigSequence sequence:
                    foreach (var item in sequence.Items)
                    {
                        CheckReferences(item);
                    }
                    break;
            }
        }
    }

    /// <summary>" (did you mean 'x'?)" for the closest known name, or nothing.</summary>
    public static string Suggest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.OrderBy(c => c, System.StringComparer.Ordinal))
        {
            var distance = Levenshtein(name, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best is not null && bestDistance <= System.Math.Max(2, name.Length / 3) ? $" (did you mean '{best}'?)" : string.Empty;
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = System.Math.Min(System.Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
