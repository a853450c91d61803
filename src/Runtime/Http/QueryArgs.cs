using System.Text;
using Datasette.Gen.Configuration.UrlEncoding;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// The query string as Datasette sees it: an ordered list of (name, value) pairs, blank
/// values kept, form-decoded (+ is a space). Rebuilt with Python's urlencode rules.
/// </summary>
public sealed class QueryArgs
{
    public static readonly QueryArgs Empty = new(new List<KeyValuePair<string, string>>());

    private readonly List<KeyValuePair<string, string>> _pairs;

    public QueryArgs(List<KeyValuePair<string, string>> pairs) => _pairs = pairs;

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    public static QueryArgs Parse(string? queryString)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(queryString))
        {
            return new QueryArgs(pairs);
        }
        var text = queryString[0] == '?' ? queryString[1..] : queryString;
        // '&' only: Python 3.10+ parse_qsl (under Datasette 1.0a37) no longer splits on ';'.
        foreach (var part in text.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }
            var equals = part.IndexOf('=');
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add(new(FormDecode(name), FormDecode(value)));
        }
        return new QueryArgs(pairs);
    }

    /// <summary>The first value for <paramref name="name"/>, or null.</summary>
    public string? Get(string name)
    {
        foreach (var pair in _pairs)
        {
            if (pair.Key == name)
            {
                return pair.Value;
            }
        }
        return null;
    }

    public bool Contains(string name) => Get(name) is not null;

    public List<string> GetAll(string name)
    {
        var values = new List<string>();
        foreach (var pair in _pairs)
        {
            if (pair.Key == name)
            {
                values.Add(pair.Value);
            }
        }
        return values;
    }

    /// <summary>Values of a repeatable, comma-separable argument such as _extra.</summary>
    public List<string> GetCommaSeparated(string name)
    {
        var values = new List<string>();
        foreach (var value in GetAll(name))
        {
            foreach (var part in value.Split(','))
            {
                var trimmed = part.Trim();
                if (trimmed.Length > 0)
                {
                    values.Add(trimmed);
                }
            }
        }
        return values;
    }

    /// <summary>The query string with <paramref name="remove"/> dropped and <paramref name="append"/> added at the end.</summary>
    public string ToQueryString(IEnumerable<string>? remove = null, IEnumerable<KeyValuePair<string, string>>? append = null)
    {
        if (_pairs.Count == 0 && append is null)
        {
            return "";
        }
        // Nothing to remove from when there are no arguments: pages ask this per link, most often of an empty query string.
        var removed = remove is null || _pairs.Count == 0 ? null : new HashSet<string>(remove, StringComparer.Ordinal);
        var builder = new StringBuilder();
        foreach (var pair in _pairs)
        {
            if (removed is not null && removed.Contains(pair.Key))
            {
                continue;
            }
            Append(builder, pair.Key, pair.Value);
        }
        if (append is not null)
        {
            foreach (var pair in append)
            {
                Append(builder, pair.Key, pair.Value);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// <paramref name="queryString"/> (as <see cref="ToQueryString"/> made it) ready for one more pair: "?" when empty,
    /// else followed by "&amp;". A page linking many variants of itself (a sort per heading, a facet per suggestion, a
    /// format per renderer) makes the common part once and appends each pair to it.
    /// </summary>
    internal static string BeforePair(string queryString) => queryString.Length == 0 ? "?" : queryString + "&";

    private static void Append(StringBuilder builder, string name, string value)
    {
        builder.Append(builder.Length == 0 ? '?' : '&');
        builder.Append(QuotePlus(name)).Append('=').Append(QuotePlus(value));
    }

    /// <summary>Python's urllib.parse.quote_plus (the shared <see cref="FormEncoding"/>).</summary>
    public static string QuotePlus(string value) => FormEncoding.QuotePlus(value);

    private static string FormDecode(string value)
    {
        if (value.IndexOf('%') < 0 && value.IndexOf('+') < 0)
        {
            return value;
        }
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%' && i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>An on/off argument as Datasette reads it (<c>_labels=on</c>, <c>_json_infinity=1</c>): on, true or 1, any case.</summary>
    public static bool IsTruthy(string? value) =>
        value is not null && (value.Equals("on", StringComparison.OrdinalIgnoreCase) || value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");
}
