using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Extras;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Runtime.Endpoints.Tables;

/// <summary>
/// Everything the table page's extras are computed from: <paramref name="Requested"/> is what
/// <c>_extra=</c> asked for (the <c>extras</c> block marks it selected), <paramref name="Resolved"/>
/// what the page writes; <paramref name="QueryContext"/> is what querying is given of the request, made once.
/// </summary>
internal sealed record TablePage(
    DatasetteRequest Request,
    Datasette Datasette,
    QueryContext QueryContext,
    Database Database,
    TableInfo Table,
    TableConfig? Config,
    TableQuery Query,
    ExtraSet Requested,
    ExtraSet Resolved,
    int RowCount)
{
    /// <summary>The plugin formats (register_output_renderer) this page links to: the <c>renderers</c> extra and the HTML export links.</summary>
    public IReadOnlyList<string> PluginFormats { get; init; } = Array.Empty<string>();

    /// <summary>The cells column types and render_cell plugins rendered, for the <c>render_cell</c> extra; null when none could be.</summary>
    public Pages.RenderedCells? RenderedCells { get; init; }

    /// <summary>
    /// The request's arguments, settings, configuration, actor and address, for the querying code,
    /// with the clauses the plugins' filters_from_request hooks add (none, without a call, when no plugin has one).
    /// </summary>
    public static async ValueTask<QueryContext> QueryContextAsync(DatasetteRequest request, Datasette datasette, string database, string table)
    {
        IReadOnlyList<FilterArguments> filters = Array.Empty<FilterArguments>();
        var hooks = datasette.Plugins.FiltersFromRequest;
        if (hooks.Count > 0)
        {
            var added = new List<FilterArguments>();
            foreach (var hook in hooks)
            {
                if (await hook.Invoke(request, database, table, datasette).ConfigureAwait(false) is { } filter)
                {
                    added.Add(filter);
                }
            }
            filters = added;
        }
        return new(request.Args, datasette.Settings, datasette.Config, request.ActorPermissions, request.Origin, request.RawPath, filters);
    }
}
