using Datasette.Gen.Configuration.UrlEncoding;
using Datasette.Gen.Generator.Model;

namespace Datasette.Gen.Generator.Emit;

/// <summary>
/// Writes Urls.g.cs: <c>Urls.Demo.Cities.Json()</c> and friends, each returning a constant path
/// (base_url and tilde encoding applied at build time) or one built from typed arguments.
/// </summary>
internal static class UrlsEmitter
{
    public const string HintName = "Urls.g.cs";

    public static string Emit(UrlsModel model)
    {
        var writer = SourceWriter.InGeneratedNamespace();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Typed URLs of the deployment's databases, tables and stored queries, with the compiled");
        writer.WriteLine("/// base_url applied once and names tilde-encoded as Datasette's router expects them.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("public static partial class Urls");
        var members = new Members(writer);
        members.Add(w =>
        {
            w.WriteLine("/// <summary>The base_url setting compiled from datasette.yaml.</summary>");
            w.WriteLine($"public const string BaseUrl = {CSharpLiteral.String(model.BaseUrl)};");
        });
        members.Add(w => Constant(w, "Instance", model.BaseUrl));
        members.Add(w => Constant(w, "InstanceJson", FormatSuffix.Apply(model.BaseUrl, "json")));
        foreach (var database in model.Databases)
        {
            members.Add(w => WriteDatabase(w, model.BaseUrl, database));
        }
        members.Close();
        writer.WriteLine();
        foreach (var line in Helpers.Split('\n'))
        {
            writer.WriteLine(line);
        }
        writer.CloseBlock();
        return writer.ToString();
    }

    private static void WriteDatabase(SourceWriter writer, string baseUrl, DatabaseUrls database)
    {
        var path = baseUrl + TildeEncoding.Encode(database.Name);
        writer.WriteLine($"/// <summary>Database {Doc(database.Name)}.</summary>");
        writer.WriteLine($"public static class {database.Identifier}");
        var members = new Members(writer);
        members.Add(w => NameAndPath(w, database.Name, path));
        members.Add(w => Formats(w, path, "Html", "Json"));
        foreach (var table in database.Tables)
        {
            members.Add(w => WriteTable(w, path + "/" + TildeEncoding.Encode(table.Name), table));
        }
        foreach (var query in database.Queries)
        {
            members.Add(w => WriteQuery(w, path + "/" + TildeEncoding.Encode(query.Name), query));
        }
        members.Close();
    }

    private static void WriteTable(SourceWriter writer, string path, TableUrls table)
    {
        writer.WriteLine($"/// <summary>{(table.IsView ? "View" : "Table")} {Doc(table.Name)}.</summary>");
        writer.WriteLine($"public static class {table.Identifier}");
        var members = new Members(writer);
        members.Add(w => NameAndPath(w, table.Name, path));
        members.Add(w => Formats(w, path, "Html", "Json", "Csv"));
        if (table.RowKeys is { } keys)
        {
            var parameters = string.Join(", ", keys.Select(k => (k.IsInteger ? "long " : "string ") + k.Identifier));
            var key = string.Join(" + \",\" + ", keys.Select(k => $"UrlText.Key({k.Identifier})"));
            // Keys are tilde-encoded, so only a dot in base_url can turn ".json" into "?_format=json".
            var suffix = FormatSuffix.For(path + "/x", "json");
            var names = Doc(string.Join(", ", keys.Select(k => k.Name)));
            members.Add(w =>
            {
                w.WriteLine($"/// <summary>The page of the row whose primary key ({names}) is given.</summary>");
                w.WriteLine($"public static string Row({parameters}) => Path + \"/\" + {key};");
                w.WriteLine();
                w.WriteLine($"/// <summary>The row whose primary key ({names}) is given, as JSON.</summary>");
                w.WriteLine($"public static string RowJson({parameters}) => Path + \"/\" + {key} + {CSharpLiteral.String(suffix)};");
            });
        }
        members.Close();
    }

    private static void WriteQuery(SourceWriter writer, string path, QueryUrls query)
    {
        writer.WriteLine($"/// <summary>Stored query {Doc(query.Name)}.</summary>");
        writer.WriteLine($"public static class {query.Identifier}");
        var members = new Members(writer);
        members.Add(w => NameAndPath(w, query.Name, path));
        if (query.Parameters.IsEmpty)
        {
            members.Add(w => Formats(w, path, "Html", "Json", "Csv"));
            members.Close();
            return;
        }
        var parameters = string.Join(", ", query.Parameters.Select(p => $"string? {p.Identifier} = null"));
        var pairs = string.Join(", ", query.Parameters.Select(p => $"({CSharpLiteral.String(FormEncoding.QuotePlus(p.Name))}, {p.Identifier})"));
        var names = Doc(string.Join(", ", query.Parameters.Select(p => p.Name)));
        members.Add(w =>
        {
            foreach (var (method, format) in new[] { ("Html", null), ("Json", "json"), ("Csv", "csv") })
            {
                var suffix = format is null ? string.Empty : FormatSuffix.For(path, format);
                var expression = suffix.Length == 0 ? "Path" : $"Path + {CSharpLiteral.String(suffix)}";
                if (method != "Html")
                {
                    w.WriteLine();
                }
                w.WriteLine($"/// <summary>{Description(method)}, with those of the parameters ({names}) that are not null.</summary>");
                w.WriteLine($"public static string {method}({parameters}) => UrlText.WithQuery({expression}, '{FormatSuffix.SeparatorAfter(path + suffix)}', {pairs});");
            }
        });
        members.Close();
    }

    private static void Constant(SourceWriter writer, string method, string url)
    {
        writer.WriteLine($"/// <summary><c>{Xml(url)}</c></summary>");
        writer.WriteLine($"public static string {method}() => {CSharpLiteral.String(url)};");
    }

    /// <summary>The name, and the path with base_url applied and the name tilde-encoded.</summary>
    private static void NameAndPath(SourceWriter writer, string name, string path)
    {
        writer.WriteLine($"public const string Name = {CSharpLiteral.String(name)};");
        writer.WriteLine();
        writer.WriteLine($"public const string Path = {CSharpLiteral.String(path)};");
    }

    /// <summary>Html() is the path; the others add Datasette's format suffix, decided here once.</summary>
    private static void Formats(SourceWriter writer, string path, params string[] methods)
    {
        foreach (var method in methods)
        {
            var format = method == "Html" ? null : method.ToLowerInvariant();
            if (format is not null)
            {
                writer.WriteLine();
            }
            writer.WriteLine($"/// <summary>{Description(method)}.</summary>");
            writer.WriteLine($"public static string {method}() => {(format is null ? "Path" : $"Path + {CSharpLiteral.String(FormatSuffix.For(path, format))}")};");
        }
    }

    private static string Description(string method) => method switch
    {
        "Html" => "The HTML page",
        "Json" => "The JSON API",
        _ => "The CSV export",
    };

    /// <summary>A class body whose members are separated by one blank line.</summary>
    private sealed class Members
    {
        private readonly SourceWriter _writer;
        private bool _first = true;

        public Members(SourceWriter writer)
        {
            _writer = writer;
            writer.OpenBlock();
        }

        public void Add(System.Action<SourceWriter> write)
        {
            if (!_first)
            {
                _writer.WriteLine();
            }
            _first = false;
            write(_writer);
        }

        public void Close() => _writer.CloseBlock();
    }

    /// <summary>A name in a doc comment: as its C# literal (ASCII, no line breaks), XML-escaped.</summary>
    private static string Doc(string name) => "<c>" + Xml(CSharpLiteral.String(name).Substring(1, CSharpLiteral.String(name).Length - 2)) + "</c>";

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    // The helper calls the shared encoders (the deployment references them through the runtime),
    // so a value known only at run time is encoded by the same rule as the constants above.
    private const string Helpers = """
        /// <summary>Encoding of values known only at run time, as Datasette encodes them.</summary>
        file static class UrlText
        {
            public static string Key(long value) => value.ToString(global::System.Globalization.CultureInfo.InvariantCulture);

            /// <summary>Tilde encoding: bytes outside [A-Za-z0-9_-] become ~XX, a space becomes +.</summary>
            public static string Key(string value) => global::Datasette.Gen.Configuration.UrlEncoding.TildeEncoding.Encode(value);

            /// <summary>The path plus every pair whose value is not null, form-encoded (Python's urlencode).</summary>
            public static string WithQuery(string path, char separator, params (string Name, string? Value)[] pairs)
            {
                var builder = new global::System.Text.StringBuilder(path);
                foreach (var (name, value) in pairs)
                {
                    if (value is not null)
                    {
                        builder.Append(separator).Append(name).Append('=').Append(global::Datasette.Gen.Configuration.UrlEncoding.FormEncoding.QuotePlus(value));
                        separator = '&';
                    }
                }
                return builder.ToString();
            }
        }
        """;
}
