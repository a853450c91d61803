using System.Globalization;
using System.Net;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.UrlEncoding;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Extras;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Querying;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Tables;

/// <summary>
/// The table page's HTML (html-ui.md §4), built from the values its JSON is written from: the
/// query's typed parts give columns, sort and filters; the extras' shared context
/// (<see cref="TableExtraContext"/>) the count, facets and suggestions; the page's rows are the typed
/// cells the query read (<see cref="TableView.ReadRows"/>: values, labels and transforms in one form).
/// </summary>
internal static class TableHtml
{
    public static async Task SendAsync(TableExtraContext extras, List<PageCell[]> rows, string? nextUrl)
    {
        var page = extras.Page;
        var rendered = await RenderedCells.RenderAsync(page.Request, page.Datasette, page.Database, page.Table.Name, RenderedCells.PksForDisplay(page.Table),
            page.Query.OutputColumns, rows, emptyIsDefault: true).ConfigureAwait(false);
        var model = Build(page.Request, page.Datasette, page.Database, page.Table, page.Config, page.Query, extras, rows, nextUrl, rendered);
        await HtmlResponse.SendAsync(page.Request.Context, HtmlSlices.Table(model)).ConfigureAwait(false);
    }

    private static TablePageModel Build(DatasetteRequest request, Datasette datasette, Database database, TableInfo table, TableConfig? config, TableQuery query,
        TableExtraContext extras, List<PageCell[]> rowsArray, string? nextUrl, RenderedCells? rendered)
    {
        var urls = datasette.Urls;
        var tableUrl = (string)urls.Table(database, table.Name);
        var args = request.Args;
        var metadata = datasette.Internal.Metadata.ForResource(database.Name, table.Name);
        var columnDescriptions = datasette.Internal.Metadata.ColumnDescriptions(database.Name, table.Name);
        string? Meta(string key) => metadata.FirstOrDefault(p => p.Key == key).Value;
        var title = Meta("title") ?? table.Name;
        var pieces = TableColumnPieces.For(datasette, database, table, config, query.OutputColumns);
        var chrome = PageChromes.Build(request, datasette, $"{database.Name}: {table.Name}",
            PageChromes.BodyClass("table", database.Name, table.Name),
            Templates.Table(database.Name, table.Name),
            database.Name, table.Name,
            pageDataJson: PageData(request, datasette, database, table, tableUrl, query, pieces),
            plugins: new PluginPageView("table", query.OutputColumns, TopSlot.Table),
            actions: ActionMenus.Table(request, datasette, database, table));
        // In the order the JSON blocks are written (count, facets, suggestions), so the same error wins.
        var count = extras.Count;
        var facets = extras.NoFacets ? null : extras.Facets;
        var suggested = extras.Suggestions;
        var truncated = count == TableCounts.Cap;
        var description = query.HumanDescription;
        var countHeading = count is null ? null
            : (truncated ? ">" + CellHtml.Thousands(TableCounts.Cap - 1) + " rows" : CellHtml.Thousands(count.Value) + (count == 1 ? " row" : " rows"))
              + (description.Length > 0 ? " " + description : "");
        var hasLabels = table.Outgoing.Count > 0;
        var csvArgs = args.ToQueryString(["_next", "_size", "_labels"], [new("_size", "max"), .. hasLabels ? new KeyValuePair<string, string>[] { new("_labels", "on") } : []]);
        return new TablePageModel
        {
            Chrome = chrome,
            Database = database.Name,
            Table = table.Name,
            TableUrl = tableUrl,
            Heading = title,
            IsView = table.IsView,
            IsPrivate = request.IsPrivate("view-table", database.Name, table.Name),
            DescriptionHtml = Meta("description_html") ?? (Meta("description") is { } text ? WebUtility.HtmlEncode(text) : null),
            ColumnDescriptions = columnDescriptions,
            CountHeading = countHeading,
            CountTruncated = truncated,
            Filters = Filters(request, table, query, pieces),
            Wheres = Wheres(args, tableUrl),
            EditSqlUrl = request.Allowed("execute-sql", database.Name)
                ? urls.Database(database) + "/-/query" + EditSqlLinks.QueryString(query.PageSql, query.Parameters)
                : null,
            Renderers = Renderers(tableUrl, args, extras.Page.PluginFormats),
            CsvUrl = DatasetteUrls.WithFormat(tableUrl, "csv") + csvArgs,
            SuggestedFacets = suggested.Select(f => new SuggestedFacet(f.Column, f.PluginType ?? (f.Type == FacetType.Column ? null : Querying.Facets.TypeName(f.Type)),
                f.ToggleUrl + "#facet-" + CssClass.Sanitise(f.Column))).ToList(),
            FacetsTimedOut = facets?.TimedOut ?? [],
            Facets = facets is null ? [] : FacetBoxes(request, facets.Results),
            Rows = Rows(request, args, datasette, database, table, query, pieces, columnDescriptions, rowsArray, rendered),
            NextUrl = nextUrl,
            Export = Export(datasette, table, tableUrl, args, nextUrl is not null, hasLabels),
            Definition = TableExtras.Definition(database, table),
        };
    }

    /// <summary>The JSON the page's scripts read (docs/html.md): names, URLs, columns and the SQL completion schema.</summary>
    private static string PageData(DatasetteRequest request, Datasette datasette, Database database, TableInfo table, string tableUrl, TableQuery query,
        TableColumnPieces pieces)
    {
        using var buffer = new JsonBody();
        var w = buffer.Writer;
        w.WriteStartObject();
        w.WriteString("page", "table");
        w.WriteString("database", database.Name);
        w.WriteString("table", table.Name);
        w.WriteString("tableUrl", tableUrl);
        w.WriteBoolean("isView", table.IsView);
        // The column arrays are the same on every request for these columns: written once, with the pieces.
        w.WritePropertyName("primaryKeys");
        w.WriteRawValue(pieces.PrimaryKeysJson, skipInputValidation: true);
        w.WritePropertyName("columns");
        w.WriteRawValue(pieces.ColumnsJson, skipInputValidation: true);
        w.WritePropertyName("allColumns");
        w.WriteRawValue(pieces.AllColumnsJson, skipInputValidation: true);
        w.WriteString("sort", query.SortColumn);
        w.WriteBoolean("sortDesc", query.SortDescending);
        // The column menu's "Facet by this" (Datasette's DATASETTE_ALLOW_FACET).
        w.WriteBoolean("allowFacet", datasette.Settings.AllowFacet);
        TableEditData.Write(w, request, datasette, database, table);
        w.WriteEndObject();
        w.Flush();
        return ScriptJson.Safe(System.Text.Encoding.UTF8.GetString(buffer.WrittenMemory.Span));
    }

    private static FilterForm Filters(DatasetteRequest request, TableInfo table, TableQuery query, TableColumnPieces pieces)
    {
        var args = request.Args;
        var active = new List<FilterRow>();
        foreach (var (key, value) in args.Pairs)
        {
            if (!ColumnFilter.IsFilterArgument(key) || ColumnFilter.Column(key) is not { } column)
            {
                continue;
            }
            var op = key.Length > column.Length ? key[(column.Length + 2)..] : "exact";
            active.Add(new FilterRow(column, op, value));
        }
        return new FilterForm
        {
            HasSearch = table.FtsTable is not null,
            Search = args.Get("_search"),
            Active = active,
            Columns = pieces.FilterColumns,
            SortableColumns = pieces.SortableShown,
            Sort = query.SortFromRequest ? query.SortColumn : null,
            SortDescending = query.SortFromRequest && query.SortDescending,
            HiddenArgs = HiddenArgs(args),
        };
    }

    /// <summary>The page's own underscore arguments the filter form carries (not the sort, search or position it sets itself).</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> HiddenArgs(QueryArgs args)
    {
        List<KeyValuePair<string, string>>? hidden = null;
        foreach (var pair in args.Pairs)
        {
            if (pair.Key.StartsWith('_') && !pair.Key.Contains("__", StringComparison.Ordinal)
                && pair.Key is not ("_sort" or "_sort_desc" or "_search" or "_next"))
            {
                (hidden ??= []).Add(pair);
            }
        }
        return hidden ?? (IReadOnlyList<KeyValuePair<string, string>>)[];
    }

    private static IReadOnlyList<RemovableClause> Wheres(QueryArgs args, string tableUrl)
    {
        var wheres = args.GetAll("_where");
        if (wheres.Count == 0)
        {
            return [];
        }
        return wheres.Select(w => new RemovableClause(w, tableUrl + WithoutPair(args, "_where", w))).ToList();
    }

    /// <summary>This data as JSON and each plugin's format, with the page's arguments.</summary>
    private static List<LinkItem> Renderers(string tableUrl, QueryArgs args, IReadOnlyList<string> pluginFormats)
    {
        var query = args.ToQueryString();
        var links = new List<LinkItem>(1 + pluginFormats.Count) { new("json", DatasetteUrls.WithFormat(tableUrl, "json") + query) };
        foreach (var format in pluginFormats)
        {
            links.Add(new LinkItem(format, DatasetteUrls.WithFormat(tableUrl, format) + query));
        }
        return links;
    }

    /// <summary>The rows table; <paramref name="args"/> are the page's arguments (the fragment endpoint's own, rewritten).</summary>
    internal static RowsTable Rows(DatasetteRequest request, QueryArgs args, Datasette datasette, Database database, TableInfo table, TableQuery query, TableColumnPieces pieces,
        IReadOnlyList<KeyValuePair<string, string>> columnDescriptions, List<PageCell[]> rows, RenderedCells? rendered)
    {
        var tableUrl = (string)datasette.Urls.Table(database, table.Name);
        var singlePk = table.PrimaryKeys.Count == 1 ? table.PrimaryKeys[0] : null;
        // Compound keys and rowid tables get a "Link" column of the key values joined by commas.
        var linkColumn = singlePk is null && !table.IsView;
        // Datasette offers the row buttons on mutable tables only, where the posts can succeed.
        var editable = database.IsMutable && !table.IsView;
        var rowActions = new RowActionButtons(
            editable && request.Allowed("update-row", database.Name, table.Name),
            editable && request.Allowed("delete-row", database.Name, table.Name));
        var headers = new List<HeaderCell>();
        if (linkColumn)
        {
            headers.Add(new HeaderCell("Link", "col-Link", null, false, false, true, null, null, null));
        }
        var output = query.OutputColumns;
        // The page's arguments without the sort and the position, once: each sortable heading appends its own sort pair.
        var sortBase = tableUrl + QueryArgs.BeforePair(args.ToQueryString(SortArguments));
        for (var i = 0; i < output.Count; i++)
        {
            var column = output[i];
            // Without a sort the rows come in primary-key order, and the key's heading says so.
            var current = query.SortColumn == column
                || (query.SortColumn is null && !table.IsView && table.KeyColumns.Count == 1 && table.KeyColumns[0] == column);
            string? arrow = current ? (query.SortDescending ? "▲" : "▼") : null;
            var sortKey = current && !query.SortDescending ? "_sort_desc=" : "_sort=";
            var sortUrl = pieces.Sortable[i] ? sortBase + sortKey + pieces.QuotedNames[i] : null;
            headers.Add(new HeaderCell(column, pieces.Classes[i], pieces.Types[i], pieces.NotNull[i], pieces.IsPk[i], false,
                Description(columnDescriptions, column), sortUrl, arrow));
        }
        var tags = pieces.Tags;
        var foreignByColumn = pieces.ForeignTableUrls;
        var truncate = datasette.Settings.TruncateCellsHtml;
        // The row links' escaped table part, once: the row path is tilde-encoded, so escaping the two parts apart gives the whole URL's escaping.
        var rowHrefBase = WebUtility.HtmlEncode(tableUrl + "/");
        var result = new List<RowCells>(rows.Count);
        var rowIndex = 0;
        // Where each key column is among the output columns (-1: not shown, its text is empty).
        var keyPositions = pieces.KeyPositions;
        var cellCount = output.Count + (linkColumn ? 1 : 0);
        foreach (var row in rows)
        {
            string? rowPath = null;
            var keyTexts = new string[keyPositions.Length];
            for (var k = 0; k < keyPositions.Length; k++)
            {
                keyTexts[k] = keyPositions[k] < 0 ? "" : CellHtml.KeyText(row[keyPositions[k]]);
            }
            if (!table.IsView)
            {
                rowPath = keyTexts.Length == 1 ? TildeEncoding.Encode(keyTexts[0]) : JoinEncoded(keyTexts);
            }
            var rowHref = rowPath is null ? null : rowHrefBase + WebUtility.HtmlEncode(rowPath);
            var cells = new Cell[cellCount];
            var at = 0;
            if (linkColumn)
            {
                var keyText = keyTexts.Length == 1 ? keyTexts[0] : string.Join(',', keyTexts);
                cells[at++] = new Cell("col-Link type-pk", "Link", rowActions.Wrap("<a href=\"" + rowHref + "\">" + WebUtility.HtmlEncode(keyText) + "</a>", keyText));
            }
            for (var i = 0; i < output.Count; i++)
            {
                var column = output[i];
                var value = row[i];
                if (column == singlePk && rowHref is not null)
                {
                    var (pkClass, pkTag) = tags.Get(i, "pk");
                    var keyText = CellHtml.KeyText(value);
                    // An integer key renders as its own text: not made twice.
                    var linkText = value.Value is long && !value.IsLabelled ? keyText : CellHtml.Render(value, default, 0);
                    cells[at++] = new Cell(pkClass, column,
                        rowActions.Wrap("<a href=\"" + rowHref + "\">" + linkText + "</a>", keyText)) { OpenTagUtf8 = pkTag };
                    continue;
                }
                // Only a BLOB (or JSON that may describe one) links to its download: the URL is not built for other cells.
                var links = new CellHtml.Links(
                    rowPath is null || value.Value is null or string or long or double or bool ? null : tableUrl + "/" + rowPath + pieces.BlobSuffixes[i],
                    foreignByColumn[i]);
                var (cssClass, openTag) = tags.Get(i, CellHtml.TypeOf(value));
                cells[at++] = new Cell(cssClass, column, rendered?.Get(rowIndex, i) ?? CellHtml.Render(value, links, truncate)) { OpenTagUtf8 = openTag };
            }
            result.Add(new RowCells(rowPath, cells));
            rowIndex++;
        }
        return new RowsTable { Headers = headers, Rows = result };
    }

    private static readonly string[] SortArguments = ["_sort", "_sort_desc", "_next"];

    private static string? Description(IReadOnlyList<KeyValuePair<string, string>> descriptions, string column)
    {
        // Later entries win, as the dictionary this replaces let them.
        string? found = null;
        foreach (var (name, text) in descriptions)
        {
            if (name == column)
            {
                found = text;
            }
        }
        return found;
    }

    private static string JoinEncoded(string[] keyTexts)
    {
        var encoded = new string[keyTexts.Length];
        for (var k = 0; k < keyTexts.Length; k++)
        {
            encoded[k] = TildeEncoding.Encode(keyTexts[k]);
        }
        return string.Join(',', encoded);
    }

    private static List<FacetBox> FacetBoxes(DatasetteRequest request, IReadOnlyList<FacetResult> results)
    {
        var boxes = new List<FacetBox>();
        foreach (var facet in FacetJson.Sorted(results))
        {
            var name = facet.Request.Column;
            var values = new List<FacetItem>(facet.Values.Count);
            foreach (var value in facet.Values)
            {
                var text = FacetJson.Text(value.Label);
                values.Add(new FacetItem(text.Length == 0 ? "-" : text, value.Count, value.ToggleUrl, value.Selected));
            }
            var hideable = !facet.Request.FromConfig;
            boxes.Add(new FacetBox(name, facet.Request.TypeName, hideable,
                hideable ? facet.ToggleUrl : null,
                facet.Truncated,
                facet.Truncated ? request.RawPath + request.Args.ToQueryString(["_facet_size"], [new("_facet_size", "max")]) + "#facet-" + CssClass.Sanitise(name) : null,
                values));
        }
        return boxes;
    }

    private static AdvancedExport Export(Datasette datasette, TableInfo table, string tableUrl, QueryArgs args, bool hasNextPage, bool hasLabels)
    {
        var json = DatasetteUrls.WithFormat(tableUrl, "json");
        var plain = args.ToQueryString(["_shape", "_next"]);
        var beforeShape = json + QueryArgs.BeforePair(plain) + "_shape=";
        var shapes = new List<LinkItem> { new("default", json + plain) };
        foreach (var (label, shape) in new[] { ("array", "array"), ("newline-delimited", "array&_nl=on") })
        {
            shapes.Add(new LinkItem(label, beforeShape + shape));
        }
        if (table.PrimaryKeys.Count > 0)
        {
            shapes.Add(new LinkItem("object", beforeShape + "object"));
        }
        return new AdvancedExport
        {
            JsonShapes = shapes,
            CsvAction = DatasetteUrls.WithFormat(tableUrl, "csv"),
            CsvHiddenArgs = args.Pairs.Where(p => p.Key is not ("_next" or "_dl" or "_labels" or "_stream" or "_size"))
                .Append(new KeyValuePair<string, string>("_size", "max")).ToList(),
            OfferLabels = hasLabels,
            OfferStream = hasNextPage && datasette.Settings.AllowCsvStream,
        };
    }

    /// <summary>The query string without one name=value pair (the others kept in order).</summary>
    private static string WithoutPair(QueryArgs args, string name, string value)
    {
        var kept = args.Pairs.Where(p => !(p.Key == name && p.Value == value)).ToList();
        return new QueryArgs(kept).ToQueryString();
    }
}
