using System.Text.Json.Nodes;

namespace Datasette.Gen.Runtime.Querying;

/// <summary>
/// Datasette's <c>FilterArguments</c>, what a <c>filters_from_request</c> hook adds to a table
/// query: SQL fragments joined with <c>and</c> (use <c>:named</c> parameters, never values spliced
/// into the text), the values of those parameters, English for the page's description, and extra
/// context for the table page.
/// </summary>
public sealed record FilterArguments(IReadOnlyList<string> WhereClauses)
{
    public IReadOnlyDictionary<string, object?> Params { get; init; } = EmptyParams;

    public IReadOnlyList<string> HumanDescriptions { get; init; } = Array.Empty<string>();

    /// <summary>Extra values for the table page's context (our compiled templates do not read it; kept for plugins' page hooks).</summary>
    public JsonObject? ExtraContext { get; init; }

    private static readonly IReadOnlyDictionary<string, object?> EmptyParams = new Dictionary<string, object?>();
}
