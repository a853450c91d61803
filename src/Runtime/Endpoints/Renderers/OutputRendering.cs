using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Renderers;

/// <summary>Answers a page in a plugin's format (register_output_renderer) and lists the formats a page links to.</summary>
internal static class OutputRendering
{
    /// <summary>The page's columns and at most <paramref name="maxRows"/> rows, and whether more exist.</summary>
    public static (List<string> Columns, List<object?[]> Rows, bool Truncated) Read(Database database, string sql,
        IReadOnlyDictionary<string, object?>? parameters, int timeLimit, int maxRows, int? columnCount = null) =>
        QueryRunner.Run(database, sql, parameters, timeLimit, reader =>
        {
            var width = columnCount ?? reader.FieldCount;
            var columns = new List<string>(width);
            for (var i = 0; i < width; i++)
            {
                columns.Add(reader.GetName(i));
            }
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                if (rows.Count == maxRows)
                {
                    return (columns, rows, true);
                }
                var row = new object?[width];
                for (var i = 0; i < width; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }
                rows.Add(row);
            }
            return (columns, rows, false);
        });

    /// <summary>Sends what the renderer returns; null is Datasette's 404 "No data". An exception it throws is the pipeline's 500 page.</summary>
    public static async Task SendAsync(OutputRenderer renderer, OutputRenderContext context)
    {
        var response = await renderer.Render(context).ConfigureAwait(false) ?? throw DatasetteHttpException.NotFound("No data");
        await response.SendAsync(context.Request.Context).ConfigureAwait(false);
    }

    /// <summary>The plugin formats whose can_render accepts this page, in registration order (none, without allocating, when no plugin renders).</summary>
    public static async ValueTask<IReadOnlyList<string>> LinkableAsync(Datasette datasette, Func<OutputRenderContext> context)
    {
        if (datasette.OutputRenderers.Count == 0)
        {
            return Array.Empty<string>();
        }
        var formats = new List<string>();
        OutputRenderContext? built = null;
        foreach (var (extension, renderer) in datasette.OutputRenderers)
        {
            if (renderer.CanRender is null || await renderer.CanRender(built ??= context()).ConfigureAwait(false))
            {
                formats.Add(extension);
            }
        }
        return formats;
    }
}
