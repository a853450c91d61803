using System.Globalization;
using System.Security.Cryptography;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Endpoints.Queries;

/// <summary>Stored-query parameters that Datasette fills itself: _header_*, _cookie_*, _now_*, _random_chars_*, _actor_*.</summary>
internal static class MagicParameters
{
    /// <summary>A field of the signed-in actor; without an actor the query cannot run.</summary>
    private static object? ActorField(DatasetteRequest request, string key)
    {
        var actor = request.Actor ?? throw DatasetteHttpException.Forbidden($"Magic parameter :_actor_{key} requires a signed-in actor");
        return actor[key] is System.Text.Json.Nodes.JsonValue value
            ? value.GetValueKind() switch
            {
                System.Text.Json.JsonValueKind.Number => value.TryGetValue<long>(out var number) ? number : value.GetValue<double>(),
                System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
                _ => value.ToJsonString(),
            }
            : actor[key]?.ToJsonString();
    }

    public static object? Resolve(DatasetteRequest request, string name)
    {
        if (!name.StartsWith("_actor_", StringComparison.Ordinal))
        {
            // Headers, cookies, the clock and randomness are not part of what names the answer.
            request.AnswerVaries = true;
        }
        if (name.StartsWith("_header_", StringComparison.Ordinal))
        {
            var header = name["_header_".Length..].Replace('_', '-').ToLowerInvariant();
            return request.Context.Request.Headers[header].ToString();
        }
        if (name.StartsWith("_cookie_", StringComparison.Ordinal))
        {
            return request.Context.Request.Cookies[name["_cookie_".Length..]] ?? "";
        }
        if (name.StartsWith("_random_chars_", StringComparison.Ordinal)
            && int.TryParse(name["_random_chars_".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is > 0 and <= 1024)
        {
            return Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((count + 1) / 2))[..count];
        }
        var now = DateTime.UtcNow;
        return name switch
        {
            "_now_epoch" => (long)(now - DateTime.UnixEpoch).TotalSeconds,
            "_now_date_utc" => now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "_now_datetime_utc" => now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            _ when name.StartsWith("_actor_", StringComparison.Ordinal) => ActorField(request, name["_actor_".Length..]),
            _ => throw DatasetteHttpException.BadRequest($"Unknown magic parameter :{name}"),
        };
    }
}
