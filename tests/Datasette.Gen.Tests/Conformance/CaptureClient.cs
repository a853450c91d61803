using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Datasette.Gen.Tests.Conformance;

/// <summary>
/// Asks a server for every corpus path the way the reference was recorded: one GET each, redirects
/// not followed, no cookies kept, a fixed User-Agent (the magic_parameters query echoes it) and
/// no compression; the answer is stored in the reference's form (<see cref="CorpusRecord"/>).
/// </summary>
internal static class CaptureClient
{
    public const string UserAgent = "datasette-diff-capture/1.0";

    /// <summary>Headers that differ between any two servers and runs; the reference leaves them out too.</summary>
    private static readonly HashSet<string> VolatileHeaders = new(StringComparer.Ordinal) { "date", "server", "content-length", "transfer-encoding" };

    /// <summary>What may stand unescaped in a request target besides ASCII letters and digits (an existing %XX stays as written).</summary>
    private const string TargetPunctuation = "/?%:@!$&'()*+,;=-._~[]";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<List<CorpusRecord>> CaptureAsync(string baseUrl, IEnumerable<(string Path, string? Category)> paths)
    {
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var records = new List<CorpusRecord>();
        foreach (var (path, category) in paths)
        {
            records.Add(await CaptureOneAsync(client, baseUrl.TrimEnd('/'), path, category));
        }
        return records;
    }

    /// <summary>The path as sent: byte for byte, except what a request target cannot contain, percent-encoded as UTF-8.</summary>
    public static string RequestTarget(string path)
    {
        var target = new StringBuilder(path.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || TargetPunctuation.Contains((char)rune.Value)))
            {
                target.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                target.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return target.ToString();
    }

    /// <summary>The body kind and stored body for raw response bytes with this Content-Type.</summary>
    public static (string Kind, CorpusValue Body) DecodeBody(string? contentType, byte[] raw)
    {
        if (raw.Length == 0)
        {
            return ("empty", new StringValue(""));
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            return ("binary", CorpusRecord.BinaryBody(Convert.ToHexStringLower(SHA256.HashData(raw)), raw.Length));
        }
        var mediaType = CorpusComparer.MediaType(contentType);
        if (mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal))
        {
            return CorpusJson.TryParse(text, out var json) ? ("json", json)
                : TryParseLines(text, out var lines) ? ("ndjson", lines)
                : ("text", new StringValue(text));
        }
        // ?_nl=on and friends: JSON (or JSON lines) served as text.
        if (mediaType is "text/plain" or "application/x-ndjson" or "application/jsonl" && text.Trim() is ['{' or '[', ..] trimmed)
        {
            if (CorpusJson.TryParse(trimmed, out var json))
            {
                return ("json", json);
            }
            if (TryParseLines(text, out var lines))
            {
                return ("ndjson", lines);
            }
        }
        return ("text", new StringValue(text));
    }

    private static bool TryParseLines(string text, out CorpusValue lines)
    {
        var items = new List<CorpusValue>();
        foreach (var line in text.Split('\n').Where(l => l.Trim().Length > 0))
        {
            if (!CorpusJson.TryParse(line, out var item))
            {
                lines = NullValue.Instance;
                return false;
            }
            items.Add(item);
        }
        lines = new ArrayValue(items);
        return true;
    }

    private static async Task<CorpusRecord> CaptureOneAsync(HttpClient client, string baseUrl, string path, string? category)
    {
        // Sent as written: without this, Uri would unescape %XX and collapse dot segments.
        var uri = new Uri(baseUrl + RequestTarget(path), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "identity");
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, CancellationToken.None);
            var raw = await response.Content.ReadAsByteArrayAsync();
            var headers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, values) in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
            {
                if (!VolatileHeaders.Contains(name.ToLowerInvariant()))
                {
                    headers[name.ToLowerInvariant()] = string.Join(", ", values);
                }
            }
            var contentType = headers.GetValueOrDefault("content-type", "");
            var (kind, body) = DecodeBody(contentType, raw);
            return new CorpusRecord(path, category, (int)response.StatusCode, contentType, headers, kind, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new CorpusRecord(path, category, null, null, new Dictionary<string, string>(), "error", new StringValue($"{ex.GetType().Name}: {ex.Message}"));
        }
    }
}
