using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins;

/// <summary>Renders a page's data as a response, or null when it cannot (Datasette then answers 404 "No data").</summary>
public delegate ValueTask<DatasetteResponse?> OutputRenderHandler(OutputRenderContext context);

/// <summary>Whether a page's data can be rendered: decides whether the page links to the format.</summary>
public delegate ValueTask<bool> OutputCanRenderHandler(OutputRenderContext context);

/// <summary>
/// One format of <c>register_output_renderer</c>: <c>/db/table.{Extension}</c>,
/// <c>/db/-/query.{Extension}?sql=</c>, <c>/db/query_name.{Extension}</c> and row pages answer with
/// <see cref="Render"/>; <see cref="CanRender"/> (every page when null) decides whether the HTML
/// pages and the <c>renderers</c> extra link to it. The built-in <c>json</c>, <c>csv</c> and
/// <c>blob</c> formats cannot be replaced.
/// </summary>
public sealed record OutputRenderer(string Extension, OutputRenderHandler Render, OutputCanRenderHandler? CanRender = null);

/// <summary>What Datasette passes a renderer: the page's columns and rows and where they came from.</summary>
public sealed class OutputRenderContext
{
    public required Datasette Datasette { get; init; }

    public required DatasetteRequest Request { get; init; }

    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>The page's rows, each a value per column (long, double, string, byte[] or null).</summary>
    public required IReadOnlyList<object?[]> Rows { get; init; }

    public required string? Sql { get; init; }

    /// <summary>The stored query's name, when one ran.</summary>
    public string? QueryName { get; init; }

    public required string Database { get; init; }

    /// <summary>The table or view, on table and row pages.</summary>
    public string? Table { get; init; }

    /// <summary><c>table</c>, <c>row</c> or <c>database</c> (query pages), as Datasette names its views.</summary>
    public required string ViewName { get; init; }

    /// <summary>The query's error message, when it failed.</summary>
    public string? Error { get; init; }

    public bool Truncated { get; init; }
}
