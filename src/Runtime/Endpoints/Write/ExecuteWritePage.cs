using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// The HTML of <c>/{db}/-/execute-write</c> (html-ui.md §8): GET shows the form for <c>?sql=</c>
/// with its analysis; a form POST runs the statement through the same checks as the JSON
/// endpoint and shows the form again with the outcome. Works without script.
/// </summary>
internal static class ExecuteWritePage
{
    /// <summary>Tables offered templates at most: each costs three compiles.</summary>
    private const int TemplateTableLimit = 100;

    private const string CreateTableTemplate = "create table new_table (\n  id integer primary key,\n  name text\n)";

    public static async Task GetAsync(DatasetteRequest request, Datasette datasette)
    {
        var route = request.Route("database") ?? "";
        var database = datasette.DatabaseByRoute(route) ?? throw new DatabaseNotFoundException(route);
        ExecuteWriteEndpoint.BlockFraming(request);
        request.EnsureAllowed("execute-write-sql", database.Name);
        if (!database.IsMutable)
        {
            await WriteResponses.ErrorAsync(request, 403, ["Cannot execute write SQL because this database is immutable."]).ConfigureAwait(false);
            return;
        }
        await SendAsync(request, datasette, database, request.Args.Get("sql") ?? "", new Dictionary<string, object?>(), outcome: null, failure: null, status: 200).ConfigureAwait(false);
    }

    /// <summary>A form POST: run it, then show the form with what happened (errors keep the SQL and the values).</summary>
    public static async Task PostAsync(DatasetteRequest request, Datasette datasette, Database database, object? sql, IReadOnlyDictionary<string, object?> provided)
    {
        var text = sql as string ?? "";
        if (text.Length == 0)
        {
            await SendAsync(request, datasette, database, text, provided, null, "SQL is required", 400).ConfigureAwait(false);
            return;
        }
        ExecuteWriteEndpoint.Outcome outcome;
        try
        {
            outcome = await ExecuteWriteEndpoint.RunAsync(request, datasette, database, text, provided).ConfigureAwait(false);
        }
        catch (WriteApiException refused)
        {
            await SendAsync(request, datasette, database, text, provided, null, string.Join("; ", refused.Errors), refused.Status).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (ex is SqliteException or SqlErrorException)
        {
            await SendAsync(request, datasette, database, text, provided, null, ex is SqliteException sqlite ? WriteResponses.SqliteText(sqlite) : ex.Message, 400).ConfigureAwait(false);
            return;
        }
        await SendAsync(request, datasette, database, text, provided, outcome, null, 200).ConfigureAwait(false);
    }

    private static Task SendAsync(DatasetteRequest request, Datasette datasette, Database database, string sql, IReadOnlyDictionary<string, object?> provided,
        ExecuteWriteEndpoint.Outcome? outcome, string? failure, int status)
    {
        var urls = datasette.Urls;
        var formUrl = urls.Database(database) + "/-/execute-write";
        var preview = ExecuteWriteEndpoint.Preview(request, database, sql);
        var canSave = request.Allowed("execute-sql", database.Name) && request.Allowed("store-query", database.Name);
        var model = new ExecuteWritePageModel
        {
            Chrome = PageChromes.Build(request, datasette, $"Execute write SQL: {database.Name}", PageChromes.BodyClass("execute-write", database.Name),
                ["*execute_write.html"], database.Name, alternateJson: false, plugins: new PluginPageView("execute-write")),
            Database = database.Name,
            DatabaseUrl = urls.Database(database).Value,
            FormUrl = formUrl,
            Sql = sql,
            Parameters = preview.Parameters.Select(name => KeyValuePair.Create(name, provided.TryGetValue(name, out var value) ? Text(value) : "")).ToList(),
            AnalysisError = preview.Error,
            Analysis = preview.Rows.Select(r => AnalysisRows.For(r.Op, r.Allowed)).ToList(),
            DisabledReason = preview.DisabledReason,
            Templates = Templates(request, database, formUrl),
            CreateTableTemplateUrl = request.Allowed("create-table", database.Name) ? formUrl + "?sql=" + QueryArgs.QuotePlus(CreateTableTemplate) : null,
            ExecutionMessage = failure ?? outcome?.Message,
            ExecutionOk = failure is null,
            ExecutionLinks = outcome?.InsertedRowPath is { } row && InsertedTable(outcome, database) is { } table
                ? [new LinkItem("View row", urls.Row(database.Name, table, row).Value)]
                : [],
            ReturnedRows = outcome?.Columns is { } columns ? Returned(columns, outcome.Rows, datasette.Settings.TruncateCellsHtml) : null,
            ReturnedTruncated = outcome?.Truncated ?? false,
            SaveQueryUrl = canSave && preview.DisabledReason is null ? urls.Database(database) + "/-/queries/store" + "?sql=" + QueryArgs.QuotePlus(sql) : null,
        };
        return HtmlResponse.SendAsync(request.Context, DebugSlices.ExecuteWrite(model), status);
    }

    private static string? InsertedTable(ExecuteWriteEndpoint.Outcome outcome, Database database) =>
        outcome.Analysis.FirstOrDefault(op => op.Operation == "insert" && op.TargetType == "table" && !op.Internal && op.Source is null && op.Database == database.Name)?.Table;

    private static string Text(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "1" : "0",
        IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The RETURNING rows as the rows table shows them: plain cells, no links.</summary>
    private static RowsTable Returned(IReadOnlyList<string> columns, byte[] rowsJson, int truncate)
    {
        using var document = JsonDocument.Parse(rowsJson);
        var rows = new List<RowCells>();
        foreach (var row in document.RootElement.EnumerateArray())
        {
            var cells = new List<Cell>();
            foreach (var column in columns)
            {
                var value = row.TryGetProperty(column, out var found) ? found : default;
                cells.Add(new Cell($"col-{CssClass.Sanitise(column)} type-{CellHtml.TypeOf(value)}", column, CellHtml.Render(value, default, truncate)));
            }
            rows.Add(new RowCells(null, cells));
        }
        return new RowsTable
        {
            Headers = columns.Select(c => new HeaderCell(c, "col-" + CssClass.Sanitise(c), null, false, false, false, null, null, null)).ToList(),
            Rows = rows,
            ZeroText = "0 rows returned",
        };
    }

    /// <summary>Insert / update / delete statements for each visible table, those the actor could run.</summary>
    private static List<WriteTemplateTable> Templates(DatasetteRequest request, Database database, string formUrl)
    {
        var result = new List<WriteTemplateTable>();
        foreach (var table in database.Schema.Tables.Where(t => !t.IsHidden).Take(TemplateTableLimit))
        {
            var columns = table.Columns.Where(c => c.Hidden == 0).ToList();
            if (columns.Count == 0)
            {
                continue;
            }
            var links = new List<LinkItem>();
            foreach (var (label, sql) in WriteTemplates.For(table.Name, columns))
            {
                if (ExecuteWriteEndpoint.Preview(request, database, sql).DisabledReason is null)
                {
                    links.Add(new LinkItem(label, formUrl + "?sql=" + QueryArgs.QuotePlus(sql)));
                }
            }
            if (links.Count > 0)
            {
                result.Add(new WriteTemplateTable(table.Name, links));
            }
        }
        return result;
    }
}
