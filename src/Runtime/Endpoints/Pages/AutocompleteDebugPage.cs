using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Runtime.Endpoints.Pages;

/// <summary>
/// <c>/-/debug/autocomplete</c> (view-instance): try a table's <c>/-/autocomplete</c> in the same
/// widget the editing dialogs use. Naming a table the actor may not view is refused like its page.
/// </summary>
internal static class AutocompleteDebugPage
{
    private const int ScanLimit = 100;
    private const int SuggestionLimit = 5;

    public static async Task HandleAsync(DatasetteRequest request, Datasette datasette)
    {
        request.EnsureAllowed("view-instance");
        await datasette.RefreshCatalogAsync().ConfigureAwait(false);
        var databaseName = request.Args.Get("database") is { Length: > 0 } d ? d : null;
        var tableName = request.Args.Get("table") is { Length: > 0 } t ? t : null;
        var action = (string)datasette.Urls.Path("-/debug/autocomplete");
        var chrome = DebugPages.Chrome(request, datasette, "Debug autocomplete", "debug_autocomplete.html");
        AutocompleteDebugPageModel model;
        if (databaseName is null && tableName is null)
        {
            var (suggestions, scanned, reachedLimit) = Suggest(request, datasette);
            model = new AutocompleteDebugPageModel { Chrome = chrome, Action = action, Suggestions = suggestions, Scanned = scanned, ReachedScanLimit = reachedLimit };
        }
        else if (databaseName is null || tableName is null)
        {
            model = new AutocompleteDebugPageModel { Chrome = chrome, Action = action, Database = databaseName, Table = tableName, Error = "Both database and table are required." };
        }
        else if (!datasette.Databases.TryGetValue(databaseName, out var database))
        {
            model = new AutocompleteDebugPageModel { Chrome = chrome, Action = action, Database = databaseName, Table = tableName, Error = "Database not found." };
        }
        else if (database.Schema.Find(tableName) is not { IsView: false } table)
        {
            model = new AutocompleteDebugPageModel { Chrome = chrome, Action = action, Database = databaseName, Table = tableName, Error = "Table not found." };
        }
        else
        {
            request.EnsureAllowed("view-table", database.Name, table.Name);
            model = new AutocompleteDebugPageModel
            {
                Chrome = chrome,
                Action = action,
                Database = databaseName,
                Table = tableName,
                AutocompleteUrl = datasette.Urls.Table(database, table.Name) + "/-/autocomplete",
                LabelColumn = LabelColumns.For(datasette.Config, database, table),
            };
        }
        await HtmlResponse.SendAsync(request.Context, DebugSlices.AutocompleteDebug(model)).ConfigureAwait(false);
    }

    /// <summary>Up to five visible tables with a label column, looking at no more than a hundred tables.</summary>
    private static (List<AutocompleteSuggestion> Suggestions, int Scanned, bool ReachedLimit) Suggest(DatasetteRequest request, Datasette datasette)
    {
        var suggestions = new List<AutocompleteSuggestion>();
        var scanned = 0;
        foreach (var database in datasette.Databases)
        {
            foreach (var table in database.Schema.Tables)
            {
                if (scanned >= ScanLimit || suggestions.Count >= SuggestionLimit)
                {
                    return (suggestions, scanned, scanned >= ScanLimit);
                }
                scanned++;
                if (!request.Allowed("view-table", database.Name, table.Name) || LabelColumns.For(datasette.Config, database, table) is not { } label)
                {
                    continue;
                }
                var url = datasette.Urls.Path("-/debug/autocomplete") + new QueryArgs([new("database", database.Name), new("table", table.Name)]).ToQueryString();
                suggestions.Add(new AutocompleteSuggestion(database.Name, table.Name, label, url));
            }
        }
        return (suggestions, scanned, scanned >= ScanLimit);
    }
}
