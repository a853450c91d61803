using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime;

public sealed partial class Datasette
{
    /// <summary>
    /// A plugin's configuration from the <c>plugins:</c> blocks of datasette.yaml (Datasette's
    /// <c>plugin_config</c>): the table's block, else (with <paramref name="fallback"/>) the database's,
    /// else the top-level one — with Datasette's quirk that a database block without this plugin
    /// yields null when no table is given. <c>$env</c> and <c>$file</c> references are resolved on
    /// every call; null when the plugin is not configured.
    /// </summary>
    public JsonNode? PluginConfig(string pluginName, string? database = null, string? table = null, bool fallback = true) =>
        ConfigJsonNodes.ToJsonNode(PluginConfigNode(pluginName, database, table, fallback), resolveSecrets: true);

    /// <summary>
    /// The absolute URL of <paramref name="path"/> (usually a <see cref="Urls"/> result) for this
    /// request: resolved against <c>scheme://host/path</c> of the request as a relative reference,
    /// with http:// turned into https:// when force_https_urls is on.
    /// </summary>
    public string AbsoluteUrl(DatasetteRequest request, string path)
    {
        var origin = request.Scheme + "://" + (request.Context.Request.Host.HasValue ? request.Context.Request.Host.Value : "localhost");
        string url;
        if (HasScheme(path))
        {
            url = path;
        }
        else if (path.StartsWith("//", StringComparison.Ordinal))
        {
            url = request.Scheme + ":" + path;
        }
        else if (path.StartsWith('/'))
        {
            url = origin + RemoveDotSegments(path);
        }
        else if (path.Length == 0)
        {
            url = origin + request.RawPath + request.QueryString;
        }
        else if (path.StartsWith('?'))
        {
            url = origin + request.RawPath + path;
        }
        else if (path.StartsWith('#'))
        {
            url = origin + request.RawPath + request.QueryString + path;
        }
        else
        {
            var directory = request.RawPath[..(request.RawPath.LastIndexOf('/') + 1)];
            url = origin + RemoveDotSegments(directory + path);
        }
        if (Settings.ForceHttpsUrls && url.StartsWith("http://", StringComparison.Ordinal))
        {
            url = "https://" + url["http://".Length..];
        }
        return url;
    }

    private ConfigNode? PluginConfigNode(string pluginName, string? database, string? table, bool fallback)
    {
        var root = Config.Effective;
        var rootValue = (root["plugins"] as ConfigMapping)?[pluginName];
        if (database is null && table is null)
        {
            return rootValue;
        }
        var databaseBlock = database is null ? null : (root["databases"] as ConfigMapping)?[database] as ConfigMapping;
        if (databaseBlock is null || databaseBlock.Entries.Count == 0)
        {
            return fallback ? rootValue : null;
        }
        var databaseValue = (databaseBlock["plugins"] as ConfigMapping)?[pluginName];
        if (table is not null)
        {
            var tableValue = ((databaseBlock["tables"] as ConfigMapping)?[table] as ConfigMapping)?["plugins"] is ConfigMapping tablePlugins ? tablePlugins[pluginName] : null;
            if (tableValue is not null)
            {
                return tableValue;
            }
            if (!fallback)
            {
                return null;
            }
            return ConfigJsonNodes.IsTruthy(databaseValue) ? databaseValue : rootValue;
        }
        // Datasette computes the top-level value here and then discards it (spec §8.1 step 4).
        return databaseValue;
    }

    private static bool HasScheme(string path)
    {
        var colon = path.IndexOf(':');
        if (colon <= 0 || !char.IsAsciiLetter(path[0]))
        {
            return false;
        }
        for (var i = 1; i < colon; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(path[i]) || path[i] is '+' or '-' or '.'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>RFC 3986 §5.2.4 on the path part, leaving the query string alone.</summary>
    private static string RemoveDotSegments(string path)
    {
        var cut = path.IndexOfAny(new[] { '?', '#' });
        var (pathPart, rest) = cut < 0 ? (path, "") : (path[..cut], path[cut..]);
        if (!pathPart.Contains('.', StringComparison.Ordinal))
        {
            return path;
        }
        var output = new List<string>();
        var segments = pathPart.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (segment == ".")
            {
                if (last)
                {
                    output.Add("");
                }
                continue;
            }
            if (segment == "..")
            {
                if (output.Count > 1)
                {
                    output.RemoveAt(output.Count - 1);
                }
                if (last)
                {
                    output.Add("");
                }
                continue;
            }
            output.Add(segment);
        }
        return string.Join("/", output) + rest;
    }
}
