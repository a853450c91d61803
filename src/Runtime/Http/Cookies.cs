using System.Globalization;
using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Runtime.Signing;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// Set-Cookie headers written as Datasette (Python's SimpleCookie) writes them: <c>Path=/; SameSite=lax</c>,
/// the value quoted and escaped when it is not a plain token.
/// </summary>
internal static class Cookies
{
    public static void Set(HttpResponse response, string name, string value) =>
        response.Headers.Append("Set-Cookie", $"{CheckedName(name)}={HeaderValues.CookieValue(value)}; Path=/; SameSite=lax");

    public static void Delete(HttpResponse response, string name) =>
        response.Headers.Append("Set-Cookie",
            $"{CheckedName(name)}=\"\"; expires={DateTime.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture)}; Max-Age=0; Path=/; SameSite=lax");

    /// <summary>A cookie name is code's choice, never data: an illegal one is a programming error (Python raises CookieError).</summary>
    private static string CheckedName(string name) =>
        HeaderValues.IsCookieToken(name) ? name : throw new ArgumentException($"Illegal cookie name: {name}", nameof(name));
}

/// <summary>The <c>ds_actor</c> authentication cookie.</summary>
internal static class ActorCookie
{
    public const string Name = "ds_actor";

    /// <summary>The signed cookie value for <paramref name="actor"/>, expiring <paramref name="expireAfter"/> seconds from now if given.</summary>
    public static string Value(Signer signer, TimeProvider time, JsonObject actor, long? expireAfter = null)
    {
        var data = new JsonObject { ["a"] = actor.DeepClone() };
        if (expireAfter is { } seconds && seconds != 0)
        {
            data["e"] = Base62.Encode(time.GetUtcNow().ToUnixTimeSeconds() + seconds);
        }
        return signer.Sign(data, "actor");
    }
}
