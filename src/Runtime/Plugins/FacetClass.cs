using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// A facet type of <c>register_facet_classes</c> (Datasette's <c>Facet</c> subclasses), beside the
/// built-in column, date and array facets: <c>?_facet_{Type}=column</c> turns it on for a column,
/// as <c>_facet_array</c> does. Both methods run while the table page is built, each query under
/// the facet time limits (a query that runs out of time marks the facet as timed out).
/// </summary>
public abstract class FacetClass
{
    /// <summary>Unique across facet types: the name in <c>_facet_{Type}=</c> and in each result's <c>type</c>.</summary>
    public abstract string Type { get; }

    /// <summary>Facets of this type worth offering on this page (Datasette's <c>suggest()</c>).</summary>
    public virtual IEnumerable<FacetClassSuggestion> Suggest(FacetInput input) => Array.Empty<FacetClassSuggestion>();

    /// <summary>The facet over <paramref name="column"/> (Datasette's <c>facet_results()</c>, one column at a time).</summary>
    public abstract FacetClassResult FacetResults(FacetInput input, string column);
}

/// <summary>A facet worth offering: its name and the URL that turns it on (see <see cref="FacetInput.UrlAdding"/>).</summary>
public sealed record FacetClassSuggestion(string Name, string ToggleUrl);

/// <summary>One facet's values and whether more values exist than <see cref="FacetInput.FacetSize"/>.</summary>
public sealed record FacetClassResult(IReadOnlyList<FacetClassValue> Results, bool Truncated);

/// <summary>One value of a facet: its count, the URL that selects (or, when selected, removes) it.</summary>
public sealed record FacetClassValue(object? Value, object? Label, long Count, string ToggleUrl, bool Selected);

/// <summary>What a facet is computed from: the filtered table's SQL and parameters, the page's arguments and address.</summary>
public sealed class FacetInput
{
    internal FacetInput(Datasette datasette, Database database, string table, IReadOnlyList<string> columns, string sql,
        IReadOnlyDictionary<string, object?> parameters, QueryArgs args, string pageUrl, int facetSize, int? timeLimitMs)
    {
        Datasette = datasette;
        Database = database;
        Table = table;
        Columns = columns;
        Sql = sql;
        Params = parameters;
        Args = args;
        PageUrl = pageUrl;
        FacetSize = facetSize;
        _timeLimitMs = timeLimitMs;
    }

    private readonly int? _timeLimitMs;

    public Datasette Datasette { get; }

    public Database Database { get; }

    public string Table { get; }

    /// <summary>The table's visible columns.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary><c>select * from table where …</c>: the page's filters, without sort or pagination; use it as a subquery.</summary>
    public string Sql { get; }

    /// <summary>The values of <see cref="Sql"/>'s parameters: pass them (and only add your own) when you query it.</summary>
    public IReadOnlyDictionary<string, object?> Params { get; }

    public QueryArgs Args { get; }

    /// <summary>The page's absolute URL without its query string.</summary>
    public string PageUrl { get; }

    /// <summary>How many values a facet shows (<c>_facet_size</c>, the table's <c>facet_size</c>, or the setting).</summary>
    public int FacetSize { get; }

    /// <summary>The page's URL with one more query-string pair.</summary>
    public string UrlAdding(string name, string value) =>
        PageUrl + Args.ToQueryString(append: new[] { new KeyValuePair<string, string>(name, value) });

    /// <summary>The page's URL without the pair <paramref name="name"/>=<paramref name="value"/>.</summary>
    public string UrlRemoving(string name, string value) =>
        PageUrl + new QueryArgs(Args.Pairs.Where(p => !(p.Key == name && p.Value == value)).ToList()).ToQueryString();

    /// <summary>Runs a read-only query under the facet time limit (Sql and Params plus yours): each row's values in column order.</summary>
    public IReadOnlyList<object?[]> Execute(string sql, IReadOnlyDictionary<string, object?>? extraParams = null)
    {
        var parameters = extraParams is null ? Params : Params.Concat(extraParams).ToDictionary(p => p.Key, p => p.Value);
        return QueryRunner.Run(Database, sql, parameters, _timeLimitMs, reader =>
        {
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }
                rows.Add(row);
            }
            return rows;
        });
    }
}
