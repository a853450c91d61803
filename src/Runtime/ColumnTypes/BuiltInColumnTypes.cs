using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime.ColumnTypes;

/// <summary>Datasette's four built-in column types, all restricted to TEXT columns (internal-database spec §5.3).</summary>
public static partial class BuiltInColumnTypes
{
    internal static readonly IReadOnlyList<SqliteAffinity> TextOnly = new[] { SqliteAffinity.Text };

    public static IReadOnlyList<ColumnType> All { get; } = new ColumnType[]
    {
        new UrlColumnType(),
        new EmailColumnType(),
        new JsonColumnType(),
        new TextareaColumnType(),
    };

    /// <summary>Python's <c>html.escape(value, quote=True)</c>.</summary>
    public static string HtmlEscape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#x27;",
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"^https?://\S+$")]
    internal static partial Regex UrlPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    internal static partial Regex EmailPattern();

    /// <summary>Python's <c>str.strip()</c> (whitespace, no arguments).</summary>
    internal static string Strip(string value) => value.Trim();
}

/// <summary><c>url</c>: a link to the value; must be an http(s) URL.</summary>
public sealed record UrlColumnType : ColumnType
{
    public override string Name => "url";

    public override string Description => "URL";

    public override IReadOnlyList<SqliteAffinity>? SqliteTypes => BuiltInColumnTypes.TextOnly;

    public override string? RenderCell(object? value, string column, string table, string database, Datasette datasette, DatasetteRequest? request)
    {
        if (value is not string text || text.Length == 0)
        {
            return null;
        }
        var escaped = BuiltInColumnTypes.HtmlEscape(BuiltInColumnTypes.Strip(text));
        return $"<a href=\"{escaped}\">{escaped}</a>";
    }

    public override string? Validate(object? value, Datasette datasette) => value switch
    {
        null or "" => null,
        string text => BuiltInColumnTypes.UrlPattern().IsMatch(BuiltInColumnTypes.Strip(text)) ? null : "Invalid URL",
        _ => "URL must be a string",
    };
}

/// <summary><c>email</c>: a mailto: link; must look like an email address.</summary>
public sealed record EmailColumnType : ColumnType
{
    public override string Name => "email";

    public override string Description => "Email address";

    public override IReadOnlyList<SqliteAffinity>? SqliteTypes => BuiltInColumnTypes.TextOnly;

    public override string? RenderCell(object? value, string column, string table, string database, Datasette datasette, DatasetteRequest? request)
    {
        if (value is not string text || text.Length == 0)
        {
            return null;
        }
        var escaped = BuiltInColumnTypes.HtmlEscape(BuiltInColumnTypes.Strip(text));
        return $"<a href=\"mailto:{escaped}\">{escaped}</a>";
    }

    public override string? Validate(object? value, Datasette datasette) => value switch
    {
        null or "" => null,
        string text => BuiltInColumnTypes.EmailPattern().IsMatch(text) ? null : "Invalid email address",
        _ => "Email must be a string",
    };
}

/// <summary><c>json</c>: pretty-printed in a &lt;pre&gt;; strings must be valid JSON.</summary>
public sealed record JsonColumnType : ColumnType
{
    public override string Name => "json";

    public override string Description => "JSON data";

    public override IReadOnlyList<SqliteAffinity>? SqliteTypes => BuiltInColumnTypes.TextOnly;

    public override string? RenderCell(object? value, string column, string table, string database, Datasette datasette, DatasetteRequest? request)
    {
        if (value is null)
        {
            return null;
        }
        JsonNode? parsed;
        if (value is string text)
        {
            if (!TryParse(text, out parsed))
            {
                return null;
            }
        }
        else
        {
            parsed = value switch
            {
                long number => JsonValue.Create(number),
                double real => JsonValue.Create(real),
                bool flag => JsonValue.Create(flag),
                JsonNode node => node,
                _ => null,
            };
            if (parsed is null)
            {
                return null;
            }
        }
        return "<pre>" + BuiltInColumnTypes.HtmlEscape(PythonJson.Dumps(parsed, indent: 2)) + "</pre>";
    }

    public override string? Validate(object? value, Datasette datasette) => value switch
    {
        null or "" => null,
        string text => TryParse(text, out _) ? null : "Invalid JSON",
        _ => null,
    };

    private static bool TryParse(string text, out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }
}

/// <summary><c>textarea</c>: multi-line text; only an editing hint.</summary>
public sealed record TextareaColumnType : ColumnType
{
    public override string Name => "textarea";

    public override string Description => "Multiline text";

    public override IReadOnlyList<SqliteAffinity>? SqliteTypes => BuiltInColumnTypes.TextOnly;
}
