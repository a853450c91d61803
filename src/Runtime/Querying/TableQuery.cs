using Datasette.Gen.Configuration.Arguments;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Querying;

/// <summary>
/// A table or view request turned into SQL: selected columns, filters, search, _where,
/// sort and keyset pagination — everything Datasette derives from the query string.
/// </summary>
internal sealed class TableQuery
{
    private TableQuery()
    {
    }

    public required TableInfo Table { get; init; }
    public required IReadOnlyList<string> OutputColumns { get; init; }
    /// <summary>Output columns plus any key or sort column fetched only for pagination.</summary>
    public required IReadOnlyList<string> SelectColumns { get; init; }
    public required List<string> WhereClauses { get; init; }
    public required Dictionary<string, object?> Parameters { get; init; }
    public required string? SortColumn { get; init; }
    public required bool SortDescending { get; init; }
    /// <summary>True when the sort came from _sort/_sort_desc rather than configuration.</summary>
    public required bool SortFromRequest { get; init; }
    public required int PageSize { get; init; }
    public required int Offset { get; init; }
    public required string? PaginationClause { get; init; }
    /// <summary>English for each filter, search and _through: the parts of human_description_en.</summary>
    public required IReadOnlyList<string> Descriptions { get; init; }

    /// <summary>"where a, b and c sorted by x descending", or "" when nothing applies.</summary>
    public string HumanDescription
    {
        get
        {
            var text = Descriptions.Count switch
            {
                0 => "",
                1 => "where " + Descriptions[0],
                _ => "where " + string.Join(", ", Descriptions.Take(Descriptions.Count - 1)) + " and " + Descriptions[^1],
            };
            if (SortColumn is not null)
            {
                text += (text.Length > 0 ? " " : "") + $"sorted by {SortColumn}" + (SortDescending ? " descending" : "");
            }
            return text;
        }
    }

    public IReadOnlyList<string> KeyColumns => Table.KeyColumns;

    /// <summary>Filters without pagination: the WHERE shared by the page, its count and facets.</summary>
    public string FilterWhere => WhereClauses.Count == 0 ? "" : " where " + string.Join(" and ", WhereClauses);

    /// <summary>The page's SQL, built once: a page reads it several times (the rows, the labels, the HTML's edit link).</summary>
    public string PageSql => _pageSql ??= BuildPageSql();

    private string? _pageSql;

    private string BuildPageSql()
    {
        var clauses = PaginationClause is null ? WhereClauses : WhereClauses.Append(PaginationClause).ToList();
        var where = clauses.Count == 0 ? "" : " where " + string.Join(" and ", clauses);
        var columns = string.Join(", ", SelectColumns.Select(SqlIdentifier.Escape));
        var order = OrderBy();
        var sql = $"select {columns} from {SqlIdentifier.Escape(Table.Name)}{where}{order} limit {PageSize + 1}";
        return Offset > 0 ? sql + $" offset {Offset}" : sql;
    }

    public string CountSql => $"select count(*) from {SqlIdentifier.Escape(Table.Name)}{FilterWhere}";

    private string OrderBy()
    {
        var terms = new List<string>();
        if (SortColumn is not null)
        {
            terms.Add(SqlIdentifier.Escape(SortColumn) + (SortDescending ? " desc" : ""));
        }
        if (!Table.IsView)
        {
            // Keys break ties, so keyset pagination over a sorted table is stable.
            foreach (var key in KeyColumns)
            {
                if (key != SortColumn)
                {
                    terms.Add(SqlIdentifier.Escape(key));
                }
            }
        }
        return terms.Count == 0 ? "" : " order by " + string.Join(", ", terms);
    }

    /// <summary>Builds the query that <paramref name="context"/>'s arguments ask of <paramref name="table"/>.</summary>
    /// <summary>The columns a request may sort by: <c>sortable_columns</c> when configured, else every column (and rowid).</summary>
    public static IReadOnlyList<string> SortableColumns(TableInfo table, TableConfig? config) =>
        config?.SortableColumns is { } configured
            ? configured.ToList()
            : table.Columns.Select(c => c.Name).Concat(table.IsRowidTable ? new[] { "rowid" } : Array.Empty<string>()).ToList();

    public static TableQuery Build(QueryContext context, Database database, TableInfo table, TableConfig? config)
    {
        var args = context.Args;
        var pageSize = PageSizeFor(args.Get("_size"), config, context.Settings);
        var outputColumns = ChooseColumns(args, table);

        var parameters = new Dictionary<string, object?>();
        var clauses = new List<string>();
        var filterDescriptions = new List<string>();
        foreach (var (key, value) in args.Pairs.Where(p => ColumnFilter.IsFilterArgument(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            EnsureColumn(table, ColumnFilter.Column(key));
            ColumnFilter.Apply(key, value, table.Name, clauses, parameters, filterDescriptions);
        }
        // Plugins' filters_from_request come next, before the built-in hooks (pluggy calls the
        // last registered first); their parameters are bound like every other value.
        var descriptions = new List<string>();
        foreach (var filter in context.PluginFilters)
        {
            clauses.AddRange(filter.WhereClauses);
            foreach (var (name, value) in filter.Params)
            {
                parameters[name] = value;
            }
            descriptions.AddRange(filter.HumanDescriptions);
        }
        var wheres = args.GetAll("_where");
        if (wheres.Count > 0)
        {
            if (!context.Permissions.Allowed("execute-sql", database.Name))
            {
                throw DatasetteHttpException.Forbidden("_where= is not allowed");
            }
            // Verbatim, as Datasette adds them: SQLite then reports errors in the same words.
            clauses.AddRange(wheres);
        }
        // Datasette's filters_from_request hooks run in pluggy's order (last registered first):
        // _where, then _through, then search; their descriptions precede the column filters'.
        Through.Apply(context, database, table, clauses, parameters, descriptions);
        Search.Apply(context, database, table, config, clauses, parameters, descriptions);
        descriptions.AddRange(filterDescriptions);

        var (sortColumn, descending, fromRequest) = Sort(args, table, config);
        var keyColumns = table.KeyColumns;
        var selectColumns = outputColumns.ToList();
        if (!table.IsView)
        {
            foreach (var key in keyColumns)
            {
                if (!selectColumns.Contains(key))
                {
                    selectColumns.Add(key);
                }
            }
        }
        if (sortColumn is not null && !selectColumns.Contains(sortColumn))
        {
            selectColumns.Add(sortColumn);
        }

        string? pagination = null;
        var offset = 0;
        var next = args.Get("_next");
        if (!string.IsNullOrEmpty(next))
        {
            if (table.IsView)
            {
                offset = int.TryParse(next, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;
            }
            else
            {
                pagination = Keyset.Predicate(next, table, sortColumn, descending, parameters);
            }
        }
        var query = new TableQuery
        {
            Table = table,
            OutputColumns = outputColumns,
            SelectColumns = selectColumns,
            WhereClauses = clauses,
            Parameters = parameters,
            SortColumn = sortColumn,
            SortDescending = descending,
            SortFromRequest = fromRequest,
            PageSize = pageSize,
            Offset = offset,
            PaginationClause = pagination,
            Descriptions = descriptions,
        };
        if (wheres.Count > 0)
        {
            // Raw fragments can end the statement and start another (`_where=1; select …`): refuse
            // that before anything runs, with the message Python's sqlite3 gives Datasette.
            QueryRunner.EnsureSingleStatement(database, query.PageSql);
        }
        return query;
    }

    /// <summary>
    /// SQLite reads an unknown "double-quoted" name as a string literal, so check names ourselves
    /// and fail as SQLite would for an unknown column.
    /// </summary>
    internal static void EnsureColumn(TableInfo table, string? column)
    {
        if (column is not null && !table.HasColumn(column) && !(column == "rowid" && !table.IsView))
        {
            throw DatasetteHttpException.BadRequest($"no such column: {column}");
        }
    }

    private static int PageSizeFor(string? value, TableConfig? config, Settings settings)
    {
        var max = settings.MaxReturnedRows;
        if (string.IsNullOrEmpty(value))
        {
            return config?.Size?.Resolve(max) ?? settings.DefaultPageSize;
        }
        var size = SizeArgument.Parse(value, max, minimum: 0, out var error);
        return error is null ? size : throw DatasetteHttpException.BadRequest(error);
    }

    private static List<string> ChooseColumns(QueryArgs args, TableInfo table)
    {
        var all = table.Columns.Where(c => c.Hidden is 0 or 2 or 3).Select(c => c.Name).ToList();
        var keys = table.IsView ? new List<string>() : table.KeyColumns.ToList();
        var output = table.IsRowidTable ? new List<string> { "rowid" } : new List<string>();
        output.AddRange(all);
        var requested = args.GetAll("_col");
        if (requested.Count > 0)
        {
            var invalid = requested.Where(c => !all.Contains(c) && !(table.IsRowidTable && c == "rowid")).ToList();
            if (invalid.Count > 0)
            {
                throw DatasetteHttpException.BadRequest($"_col={string.Join(", ", invalid)} - invalid columns");
            }
            output = keys.Concat(requested).Distinct().ToList();
        }
        var removed = args.GetAll("_nocol");
        if (removed.Count > 0)
        {
            var invalid = removed.Where(c => !all.Contains(c) || keys.Contains(c)).ToList();
            if (invalid.Count > 0)
            {
                throw DatasetteHttpException.BadRequest($"_nocol={string.Join(", ", invalid)} - invalid columns");
            }
            output = output.Where(c => !removed.Contains(c)).ToList();
        }
        return output;
    }

    private static (string? Column, bool Descending, bool FromRequest) Sort(QueryArgs args, TableInfo table, TableConfig? config)
    {
        var sort = args.Get("_sort");
        var sortDesc = args.Get("_sort_desc");
        if (!string.IsNullOrEmpty(sort) && !string.IsNullOrEmpty(sortDesc))
        {
            throw DatasetteHttpException.BadRequest("Cannot use _sort and _sort_desc at the same time");
        }
        var requested = !string.IsNullOrEmpty(sort) ? sort : !string.IsNullOrEmpty(sortDesc) ? sortDesc : null;
        if (requested is not null)
        {
            if (!SortableColumns(table, config).Contains(requested))
            {
                throw DatasetteHttpException.BadRequest($"Cannot sort table by {requested}");
            }
            return (requested, string.IsNullOrEmpty(sort), true);
        }
        if (config?.Sort is { } configuredSort)
        {
            return (configuredSort, false, false);
        }
        if (config?.SortDesc is { } configuredDesc)
        {
            return (configuredDesc, true, false);
        }
        return (null, false, false);
    }
}
