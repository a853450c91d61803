using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// Datasette 1.0a37's CSRF defence for unsafe methods (tokens spec §6): header based, like Go's
/// CrossOriginProtection. Bearer requests without cookies pass; otherwise Sec-Fetch-Site must
/// be same-origin or none, or an Origin header must match the request's own origin.
/// </summary>
internal static class CrossOriginProtection
{
    /// <summary>Why the request is refused, or null when it may proceed.</summary>
    public static string? Check(HttpRequest request, bool forceHttps)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return null;
        }
        var headers = request.Headers;
        var authorization = Last(headers.Authorization);
        if (!string.IsNullOrEmpty(authorization) && headers.Cookie.Count == 0)
        {
            var scheme = authorization.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            if (scheme.Length > 0 && scheme[0].Equals("bearer", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }
        var secFetchSite = Last(headers["Sec-Fetch-Site"]);
        if (secFetchSite is not null)
        {
            return secFetchSite is "same-origin" or "none" ? null : $"Sec-Fetch-Site was {PythonRepr(secFetchSite)}, expected 'same-origin' or 'none'";
        }
        var origin = Last(headers.Origin);
        if (origin is null)
        {
            return null;
        }
        var host = Last(headers.Host) ?? "";
        var expected = Tuple((forceHttps ? "https" : request.Scheme) + "://" + host);
        var actual = Tuple(origin);
        if (actual is null || expected is null)
        {
            return $"Malformed Origin {PythonRepr(origin)} or Host {PythonRepr(host)}";
        }
        return actual == expected ? null : $"Origin {PythonRepr(origin)} does not match Host {PythonRepr(host)}";
    }

    private static string? Last(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 0 ? null : values[values.Count - 1];

    /// <summary>(scheme, host, port) with default ports filled in, or null when malformed.</summary>
    private static (string Scheme, string Host, int Port)? Tuple(string value)
    {
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return null;
        }
        var scheme = value[..schemeEnd].ToLowerInvariant();
        var rest = value[(schemeEnd + 3)..];
        var end = rest.IndexOfAny(new[] { '/', '?', '#' });
        var authority = end < 0 ? rest : rest[..end];
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }
        string host;
        string? portText = null;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                return null;
            }
            host = authority[1..close];
            if (close + 1 < authority.Length)
            {
                if (authority[close + 1] != ':')
                {
                    return null;
                }
                portText = authority[(close + 2)..];
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            portText = colon < 0 ? null : authority[(colon + 1)..];
        }
        host = host.ToLowerInvariant();
        if (host.Length == 0)
        {
            return null;
        }
        int port;
        if (string.IsNullOrEmpty(portText))
        {
            port = scheme switch { "http" or "ws" => 80, "https" or "wss" => 443, _ => -1 };
            if (port < 0)
            {
                return null;
            }
        }
        else if (!int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port > 65535)
        {
            return null;
        }
        return (scheme, host, port);
    }

    private static string PythonRepr(string value) =>
        value.Contains('\'') && !value.Contains('"') ? "\"" + value + "\"" : "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
