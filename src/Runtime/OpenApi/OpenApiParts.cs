using System.Collections.Concurrent;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.OpenApi;

namespace Datasette.Gen.Runtime.OpenApi;

/// <summary>
/// Parts of the OpenAPI document by fingerprint: the compiled ones (built by the generator from
/// the schema snapshot) and those built here from a live schema the snapshot did not match.
/// A fingerprint covers every input of a part, so a part is the same whoever built it.
/// </summary>
internal static class OpenApiParts
{
    // Built parts are dropped past this many, so a schema that keeps changing cannot grow the cache without bound.
    private const int MaxBuilt = 4096;

    private static readonly ConcurrentDictionary<string, OpenApiPart> Compiled = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, OpenApiPart> Built = new(StringComparer.Ordinal);

    /// <summary>Adds the parts the generator compiled into the deployment.</summary>
    public static void AddCompiled(EquatableArray<OpenApiPart> parts)
    {
        foreach (var part in parts)
        {
            Compiled[part.Fingerprint] = part;
        }
    }

    /// <summary>Whether the part with this fingerprint was compiled into the deployment.</summary>
    public static bool IsCompiled(string fingerprint) => Compiled.ContainsKey(fingerprint);

    public static OpenApiPart Database(OpenApiDatabase database) => Get(OpenApiBuilder.DatabaseFingerprint(database), database, OpenApiBuilder.Database);

    public static OpenApiPart Sql(OpenApiDatabase database) => Get(OpenApiBuilder.SqlFingerprint(database), database, OpenApiBuilder.Sql);

    public static OpenApiPart Table(OpenApiTable table) => Get(OpenApiBuilder.TableFingerprint(table), table, OpenApiBuilder.Table);

    public static OpenApiPart Query(OpenApiQuery query) => Get(OpenApiBuilder.QueryFingerprint(query), query, OpenApiBuilder.Query);

    public static OpenApiPart TableWrites(OpenApiTableWrites writes) => Get(OpenApiWriteBuilder.TableFingerprint(writes), writes, OpenApiWriteBuilder.Table);

    public static OpenApiPart DatabaseWrites(OpenApiDatabaseWrites writes) => Get(OpenApiWriteBuilder.DatabaseFingerprint(writes), writes, OpenApiWriteBuilder.Database);

    private static OpenApiPart Get<T>(string fingerprint, T input, Func<T, OpenApiPart> build)
    {
        if (Compiled.TryGetValue(fingerprint, out var compiled))
        {
            return compiled;
        }
        if (Built.TryGetValue(fingerprint, out var built))
        {
            return built;
        }
        if (Built.Count >= MaxBuilt)
        {
            Built.Clear();
        }
        return Built.GetOrAdd(fingerprint, build(input));
    }
}
