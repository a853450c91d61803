using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Plugins;

namespace Datasette.Gen.Runtime.Endpoints.Queries;

/// <summary>Datasette's own magic parameters (its default_magic_parameters plugin): _header_, _actor_, _cookie_, _now_, _random_.</summary>
internal static class BuiltInMagicParameters
{
    public static IReadOnlyList<MagicParameter> All { get; } =
    [
        new("header", (key, request) => new(request.Context.Request.Headers[key.Replace('_', '-').ToLowerInvariant()].ToString())),
        new("actor", (key, request) => new(ActorField(request, key))),
        new("cookie", (key, request) => new(request.Context.Request.Cookies[key] ?? "")),
        new("now", (key, _) => new(Now(key))),
        new("random", (key, _) => new(Random(key))),
    ];

    /// <summary>A field of the signed-in actor; without an actor the query cannot run.</summary>
    private static object? ActorField(DatasetteRequest request, string key)
    {
        var actor = request.Actor ?? throw DatasetteHttpException.Forbidden($"Magic parameter :_actor_{key} requires a signed-in actor");
        return actor[key] is JsonValue value
            ? value.GetValueKind() switch
            {
                JsonValueKind.Number => value.TryGetValue<long>(out var number) ? number : value.GetValue<double>(),
                JsonValueKind.String => value.GetValue<string>(),
                _ => value.ToJsonString(),
            }
            : actor[key]?.ToJsonString();
    }

    private static object Now(string key)
    {
        var now = DateTime.UtcNow;
        return key switch
        {
            "epoch" => (long)(now - DateTime.UnixEpoch).TotalSeconds,
            "date_utc" => now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "datetime_utc" => now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            _ => throw new KeyNotFoundException(key),
        };
    }

    private static string Random(string key) =>
        key.StartsWith("chars_", StringComparison.Ordinal)
        && int.TryParse(key["chars_".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is > 0 and <= 1024
            ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((count + 1) / 2))[..count]
            : throw new KeyNotFoundException(key);
}
