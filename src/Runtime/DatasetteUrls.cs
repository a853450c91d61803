using System.Collections.Concurrent;
using System.Security.Cryptography;
using Datasette.Gen.Configuration.UrlEncoding;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime;

/// <summary>
/// <c>datasette.urls</c>: builders for links to pages of this instance that honour base_url
/// (applied once: a <see cref="PrefixedUrl"/> is never prefixed again), tilde-encode names and
/// add format suffixes the way Datasette does (".json", or "?_format=json" when the path already
/// has a dot in it). Deployments also get typed builders generated from datasette.yaml
/// (<c>Datasette.Gen.Generated.Urls</c>).
/// </summary>
public sealed class DatasetteUrls
{
    private readonly Datasette _datasette;
    private readonly ConcurrentDictionary<string, string> _staticHashes = new(StringComparer.Ordinal);

    internal DatasetteUrls(Datasette datasette) => _datasette = datasette;

    /// <summary>The full path of <paramref name="path"/> under base_url ("-/logout" → "/prefix/-/logout").</summary>
    public PrefixedUrl Path(string path, string? format = null)
    {
        var prefixed = _datasette.Settings.BaseUrl + (path.StartsWith('/') ? path[1..] : path);
        return new PrefixedUrl(format is null ? prefixed : WithFormat(prefixed, format));
    }

    /// <summary>A path that already carries base_url: returned as it is (with the format applied).</summary>
    public PrefixedUrl Path(PrefixedUrl path, string? format = null) => format is null ? path : new PrefixedUrl(WithFormat(path.Value, format));

    /// <summary>The instance's root page, usually "/".</summary>
    public PrefixedUrl Instance(string? format = null) => Path(string.Empty, format);

    public PrefixedUrl Logout() => Path("-/logout");

    /// <summary>One of the built-in static assets, with <c>?_hash=</c> of its content when the asset is registered.</summary>
    public PrefixedUrl Static(string path)
    {
        var url = Path("-/static/" + path);
        return _staticHashes.TryGetValue(path, out var hash) ? url + "?_hash=" + hash : url;
    }

    /// <summary>A static asset of a plugin: <c>/-/static-plugins/{plugin}/{path}</c>.</summary>
    public PrefixedUrl StaticPlugins(string plugin, string path) => Path($"-/static-plugins/{plugin}/{path}");

    /// <summary>Records an embedded asset so <see cref="Static"/> can add Datasette's cache-busting hash (12 hex digits of SHA-256).</summary>
    public void RegisterStaticAsset(string path, ReadOnlySpan<byte> content) =>
        _staticHashes[path] = Convert.ToHexStringLower(SHA256.HashData(content))[..12];

    /// <summary>The database page, found by name and addressed by its route; an unknown name throws <see cref="KeyNotFoundException"/>.</summary>
    public PrefixedUrl Database(string name, string? format = null) =>
        Database(_datasette.TryGetDatabase(name) ?? throw new KeyNotFoundException($"Database '{name}' is not attached"), format);

    public PrefixedUrl Database(Database database, string? format = null) => Path(TildeEncoding.Encode(database.Route), format);

    public PrefixedUrl Table(string database, string table, string? format = null) => Child(Database(database), table, format);

    public PrefixedUrl Table(Database database, string table, string? format = null) => Child(Database(database), table, format);

    /// <summary>A stored query's page; the same shape as a table's.</summary>
    public PrefixedUrl Query(string database, string query, string? format = null) => Child(Database(database), query, format);

    public PrefixedUrl Query(Database database, string query, string? format = null) => Child(Database(database), query, format);

    /// <summary>A row page; <paramref name="rowPath"/> is already encoded (<c>1</c>, <c>a~2Fb,2</c>).</summary>
    public PrefixedUrl Row(string database, string table, string rowPath, string? format = null) =>
        Formatted(Table(database, table) + "/" + rowPath, format);

    /// <summary>A row page from its primary-key values, each tilde-encoded and joined with commas.</summary>
    public PrefixedUrl Row(string database, string table, IEnumerable<string> primaryKeys, string? format = null) =>
        Row(database, table, string.Join(",", primaryKeys.Select(TildeEncoding.Encode)), format);

    /// <summary>The download of one BLOB cell: <c>/db/t/1.blob?_blob_column=my+col</c>.</summary>
    public PrefixedUrl RowBlob(string database, string table, string rowPath, string column) =>
        Table(database, table) + $"/{rowPath}.blob?_blob_column={QueryArgs.QuotePlus(column)}";

    /// <summary>The arbitrary-SQL page for <paramref name="sql"/>, base_url applied once and the format before the query string.</summary>
    public PrefixedUrl DatabaseQuery(string database, string sql, string? format = null)
    {
        var path = Formatted(Database(database) + "/-/query", format);
        return path + (path.Value.Contains('?') ? "&" : "?") + "sql=" + QueryArgs.QuotePlus(sql);
    }

    /// <summary>Datasette's path_with_format: "?_format=x" when the path contains a dot, else ".x".</summary>
    public static string WithFormat(string path, string format) => FormatSuffix.Apply(path, format);

    private static PrefixedUrl Child(PrefixedUrl parent, string name, string? format) => Formatted(parent + "/" + TildeEncoding.Encode(name), format);

    private static PrefixedUrl Formatted(PrefixedUrl path, string? format) => format is null ? path : new PrefixedUrl(WithFormat(path.Value, format));
}
