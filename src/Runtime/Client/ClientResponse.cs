using System.Text;
using System.Text.Json.Nodes;

namespace Datasette.Gen.Runtime.Client;

/// <summary>What an in-process request answered: status, headers, the cookies it set, and the body as bytes, text or JSON.</summary>
public sealed class ClientResponse
{
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;
    private string? _text;

    internal ClientResponse(int status, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body)
    {
        Status = status;
        _headers = headers;
        Body = body;
    }

    public int Status { get; }

    /// <summary>Every header as sent, in order (Set-Cookie may repeat).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    public byte[] Body { get; }

    public string Text => _text ??= Encoding.UTF8.GetString(Body);

    public string? ContentType => Header("Content-Type");

    /// <summary>Cookies the response set, name → value (deleted ones with an empty value).</summary>
    public IReadOnlyDictionary<string, string> Cookies
    {
        get
        {
            var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in _headers)
            {
                if (!name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                var pair = value.Split(';', 2)[0];
                var equals = pair.IndexOf('=');
                if (equals > 0)
                {
                    var cookie = pair[(equals + 1)..].Trim();
                    cookies[pair[..equals].Trim()] = cookie == "\"\"" ? "" : cookie;
                }
            }
            return cookies;
        }
    }

    /// <summary>The last value of a header, or null.</summary>
    public string? Header(string name)
    {
        string? found = null;
        foreach (var (key, value) in _headers)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                found = value;
            }
        }
        return found;
    }

    /// <summary>The body parsed as JSON.</summary>
    public JsonNode? Json() => JsonNode.Parse(Body);
}
