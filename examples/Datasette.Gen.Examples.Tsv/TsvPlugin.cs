namespace Datasette.Gen.Examples.Tsv;

// The usings sit inside the namespace so that "Datasette" means the class, not the namespace.
using System.Globalization;
using System.Text;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Plugins;

/// <summary>
/// What datasette-tsv-style plugins do (register_output_renderer): every table, row and query page
/// is also available as tab-separated values at <c>.tsv</c>, and the HTML pages link to it beside
/// <c>json</c>. A header line of column names, then one line per row; tabs, newlines and carriage
/// returns inside values become spaces so every row stays on one line; null is empty; binary
/// values are written as hexadecimal.
/// </summary>
[DatasettePlugin("tsv")]
public static class TsvPlugin
{
    [DatasetteHook]
    public static OutputRenderer RegisterOutputRenderer() => new("tsv", context => new ValueTask<DatasetteResponse?>(Render(context)));

    public static DatasetteResponse? Render(OutputRenderContext context)
    {
        if (context.Error is { } error)
        {
            return DatasetteResponse.Text(error, 400);
        }
        var text = new StringBuilder();
        text.AppendJoin('\t', context.Columns.Select(Clean)).Append('\n');
        foreach (var row in context.Rows)
        {
            text.AppendJoin('\t', row.Select(Cell)).Append('\n');
        }
        return new DatasetteResponse(200, "text/tab-separated-values; charset=utf-8", Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        byte[] blob => Convert.ToHexStringLower(blob),
        double real => real.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => Clean(value.ToString() ?? ""),
    };

    private static string Clean(string text) =>
        text.IndexOfAny(['\t', '\n', '\r']) < 0 ? text : text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
