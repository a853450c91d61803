using System.Text.Json;
using System.Text.RegularExpressions;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Instance;

/// <summary>One jump menu item from a plugin's jump_items_sql query.</summary>
internal sealed record PluginJumpItem(string Type, string Label, string? Description, string Url, string? DisplayName);

/// <summary>
/// The plugins' jump_items_sql queries, as Datasette runs them: grouped by database (the internal
/// one when none is named), each group one <c>UNION ALL</c> filtered by <c>?q=</c> and capped at
/// 101 rows, every fragment's parameters renamed <c>jump_{index}_{name}</c> so none collide.
/// </summary>
internal static partial class PluginJumpItems
{
    private const int Limit = 100;

    public static (List<PluginJumpItem> Items, bool Truncated) Query(DatasetteRequest request, Datasette datasette, string q, string pattern)
    {
        var fragments = new List<JumpSql>();
        foreach (var hook in datasette.Plugins.JumpItemsSql)
        {
            if (hook.Invoke(datasette, request.Actor, request) is { } contributed)
            {
                fragments.AddRange(contributed.Where(f => f is not null));
            }
        }
        var items = new List<PluginJumpItem>();
        var truncated = false;
        foreach (var group in fragments.Select((fragment, index) => (fragment, index)).GroupBy(f => f.fragment.Database))
        {
            var rows = Run(request, datasette, group.Key, group.ToList(), q, pattern);
            if (rows.Count > Limit)
            {
                truncated = true;
                rows.RemoveRange(Limit, rows.Count - Limit);
            }
            items.AddRange(rows);
        }
        return (items, truncated);
    }

    private static List<PluginJumpItem> Run(DatasetteRequest request, Datasette datasette, string? databaseName, List<(JumpSql Fragment, int Index)> fragments,
        string q, string pattern)
    {
        var parameters = new Dictionary<string, object?> { ["q"] = q, ["pattern"] = pattern };
        var parts = new List<string>();
        foreach (var (fragment, index) in fragments)
        {
            var sql = fragment.Sql;
            if (fragment.Params is { Count: > 0 } own)
            {
                var prefix = $"jump_{index}_";
                sql = Parameter().Replace(sql, m => own.ContainsKey(m.Groups[1].Value) ? ":" + prefix + m.Groups[1].Value : m.Value);
                foreach (var (name, value) in own)
                {
                    parameters[prefix + name] = value;
                }
            }
            parts.Add($"select type, label, description, url, search_text, display_name from (\n{sql}\n)");
        }
        var union = string.Join("\nunion all\n", parts);
        var query = $"""
            with jump_items as (
            {union}
            )
            select type, label, description, url, display_name from jump_items
            where :q = '' or search_text like :pattern collate nocase
            order by
              case
                when lower(coalesce(display_name, label)) = lower(:q) then 0
                when lower(coalesce(display_name, label)) like lower(:q || '%') then 1
                else 2
              end,
              case type when 'database' then 10 when 'table' then 20 when 'view' then 25 when 'query' then 30 else 50 end,
              length(coalesce(display_name, label)),
              label
            limit {Limit + 1}
            """;
        var database = databaseName is null
            ? datasette.GetInternalDatabase()
            : datasette.TryGetDatabase(databaseName) ?? throw new InvalidOperationException($"jump_items_sql names database '{databaseName}', which does not exist");
        return QueryRunner.Run(database, query, parameters, request.SqlTimeLimitMs, reader =>
        {
            var rows = new List<PluginJumpItem>();
            while (reader.Read())
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                rows.Add(new PluginJumpItem(Text(0) ?? "", Text(1) ?? "", Text(2), ResolveUrl(datasette, Text(3) ?? ""), Text(4) is { Length: > 0 } display ? display : null));
            }
            return rows;
        });
    }

    /// <summary>A path as given, or a JSON object naming a <c>datasette.urls</c> method and its arguments.</summary>
    internal static string ResolveUrl(Datasette datasette, string url)
    {
        if (url.Length == 0 || url.StartsWith('/'))
        {
            return url;
        }
        using var document = JsonDocument.Parse(url);
        var descriptor = document.RootElement;
        if (descriptor.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException("jump item url JSON must be an object");
        }
        var arguments = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in descriptor.EnumerateObject())
        {
            arguments[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => null,
                _ => property.Value.GetRawText(),
            };
        }
        if (!arguments.Remove("method", out var method) || string.IsNullOrEmpty(method))
        {
            throw new InvalidOperationException("jump item url JSON must include a method");
        }
        var urls = datasette.Urls;
        string Required(string name) => arguments.Remove(name, out var value) && value is not null
            ? value
            : throw new InvalidOperationException($"Invalid arguments for datasette.urls.{method}(): missing argument '{name}'");
        string? Optional(string name) => arguments.Remove(name, out var value) ? value : null;
        string result = method switch
        {
            "instance" => urls.Instance(Optional("format")),
            "path" => urls.Path(Required("path"), Optional("format")),
            "database" => urls.Database(Required("database"), Optional("format")),
            "table" => urls.Table(Required("database"), Required("table"), Optional("format")),
            "query" => urls.Query(Required("database"), Required("query"), Optional("format")),
            "row" => urls.Row(Required("database"), Required("table"), Required("row_path"), Optional("format")),
            "row_blob" => urls.RowBlob(Required("database"), Required("table"), Required("row_path"), Required("column")),
            "database_query" => urls.DatabaseQuery(Required("database"), Required("sql"), Optional("format")),
            "static" => urls.Static(Required("path")),
            "static_plugins" => urls.StaticPlugins(Required("plugin"), Required("path")),
            "logout" => urls.Logout(),
            _ => throw new InvalidOperationException($"datasette.urls has no method named '{method}'"),
        };
        return arguments.Count == 0
            ? result
            : throw new InvalidOperationException($"Invalid arguments for datasette.urls.{method}(): unexpected argument '{arguments.Keys.First()}'");
    }

    [GeneratedRegex(@"(?<!:):([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Parameter();
}
