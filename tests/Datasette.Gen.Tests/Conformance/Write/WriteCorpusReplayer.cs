using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Runtime.Signing;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Conformance.Write;

/// <summary>
/// Does what runner.py and replay.py do, in process: per scenario a fresh copy of
/// tests/conformance/data served as the runner serves it (both databases, -m metadata.json,
/// -c config.json, --root, --secret refsecret, -i and --setting when the scenario says so), its
/// steps sent in order with the step's auth, body and headers, every answer kept as replay.py keeps it.
/// </summary>
internal static class WriteCorpusReplayer
{
    public const string Secret = "refsecret";
    public const string UserAgent = "datasette-write-replay/1.0";

    /// <summary>Tokens as tokens.json describes them, made by our own create-token command; "expired" is 3 s old before it is used.</summary>
    public sealed class Tokens
    {
        private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DateTime> _usableFrom = new(StringComparer.Ordinal);

        public static async Task<Tokens> CreateAsync(string tokensFile)
        {
            var spec = (ObjectValue)CorpusJson.Parse(await File.ReadAllTextAsync(tokensFile));
            var tokens = new Tokens();
            async Task Add(string name, ObjectValue item)
            {
                var args = new List<string> { ((StringValue)item["actor"]!).Value, "--secret", (item["secret"] as StringValue)?.Value ?? Secret };
                args.AddRange(((ArrayValue)item["args"]!).Items.Select(a => ((StringValue)a).Value));
                using var output = new StringWriter();
                using var error = new StringWriter();
                var status = await CreateTokenCommand.RunAsync(args, output, error);
                Assert.True(status == 0, $"create-token {string.Join(' ', args)}: {error}");
                tokens._tokens[name] = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
                if (item["min_age_s"] is IntegerValue age)
                {
                    tokens._usableFrom[name] = DateTime.UtcNow.AddSeconds((double)age.Value);
                }
            }
            await Add("root", (ObjectValue)spec["root"]!);
            await Add("bad", (ObjectValue)spec["bad"]!);
            foreach (var (name, item) in ((ObjectValue)spec["restricted"]!).Members)
            {
                await Add("restricted:" + name, (ObjectValue)item);
            }
            return tokens;
        }

        public async Task<string> GetAsync(string name)
        {
            if (!_tokens.TryGetValue(name, out var token))
            {
                throw new InvalidDataException($"no token {name} in tokens.json");
            }
            if (_usableFrom.TryGetValue(name, out var from) && from > DateTime.UtcNow)
            {
                await Task.Delay(from - DateTime.UtcNow);
            }
            return token;
        }
    }

    /// <summary>Replays one scenario's steps against a fresh server; the answers in step order.</summary>
    public static async Task<List<WriteStepAnswer>> ReplayScenarioAsync(IReadOnlyList<WriteCorpusStep> steps, Tokens tokens)
    {
        var first = steps[0];
        var directory = Directory.CreateTempSubdirectory("writecorpus-");
        try
        {
            foreach (var file in Directory.GetFiles(Paths.ConformanceData))
            {
                File.Copy(file, Path.Combine(directory.FullName, Path.GetFileName(file)));
            }
            var databases = new List<string> { Path.Combine(directory.FullName, "fixtures.db"), Path.Combine(directory.FullName, "extra database.db") };
            var options = new ServeOptions
            {
                Files = first.Immutable ? new List<string> { databases[1] } : databases,
                ImmutableFiles = first.Immutable ? new List<string> { databases[0] } : new List<string>(),
                MetadataFile = Path.Combine(directory.FullName, "metadata.json"),
                ConfigFile = Path.Combine(directory.FullName, "config.json"),
                Root = true,
                Secret = Secret,
                Settings = first.Settings.ToList(),
            };
            var answers = new List<WriteStepAnswer>();
            await using (var server = await TestServer.StartAsync(options))
            {
                using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false, AutomaticDecompression = System.Net.DecompressionMethods.None };
                using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
                foreach (var step in steps)
                {
                    answers.Add(await SendAsync(client, server.BaseUrl, step, tokens));
                }
            }
            return answers;
        }
        finally
        {
            try
            {
                directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file still open (Windows) is left for the temp cleaner; the answers are what matter.
            }
        }
    }

    private static async Task<WriteStepAnswer> SendAsync(HttpClient client, string baseUrl, WriteCorpusStep step, Tokens tokens)
    {
        var uri = new Uri(baseUrl + CaptureClient.RequestTarget(step.Path), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(new HttpMethod(step.Method), uri);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("User-Agent", UserAgent),
            new("Accept-Encoding", "identity"),
        };
        switch (step.Auth)
        {
            case "root" or "bad":
                headers.Add(new("Authorization", "Bearer " + await tokens.GetAsync(step.Auth)));
                break;
            case var auth when auth.StartsWith("restricted:", StringComparison.Ordinal):
                headers.Add(new("Authorization", "Bearer " + await tokens.GetAsync(auth)));
                break;
            case var auth when auth.StartsWith("cookie:", StringComparison.Ordinal):
                var actor = new JsonObject { ["a"] = new JsonObject { ["id"] = auth["cookie:".Length..] } };
                headers.Add(new("Cookie", "ds_actor=" + new Signer(Secret).Sign(actor, "actor")));
                break;
            case var auth when auth.StartsWith("crafted:", StringComparison.Ordinal):
                headers.Add(new("Authorization", "Bearer dstok_" + new Signer(Secret).Sign(JsonNode.Parse(auth["crafted:".Length..]), "token")));
                break;
            case "none":
                break;
            default:
                throw new InvalidDataException($"{step.Label}: unknown auth {step.Auth}");
        }
        var body = step.BodyBytes();
        if (body is not null)
        {
            headers.Add(new("Content-Type", "application/json"));
        }
        var origin = baseUrl.TrimEnd('/');
        foreach (var (name, value) in step.Headers)
        {
            headers.RemoveAll(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (value is not null)
            {
                headers.Add(new(name, value.Replace("{ORIGIN}", origin).Replace("{HOST}", new Uri(origin).Authority)));
            }
        }
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content ??= new ByteArrayContent(Array.Empty<byte>());
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, CancellationToken.None);
            var raw = await response.Content.ReadAsByteArrayAsync();
            var contentType = response.Content.Headers.ContentType?.ToString() ?? "";
            var (kind, value) = Decode(contentType, raw);
            return new WriteStepAnswer((int)response.StatusCode, contentType, kind, value);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new WriteStepAnswer(null, null, "error", new StringValue($"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>replay.py's decode_body: JSON only for application/json and +json media types.</summary>
    private static (string Kind, CorpusValue Body) Decode(string contentType, byte[] raw)
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
            return ("binary", CorpusRecord.BinaryBody(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(raw)), raw.Length));
        }
        var mediaType = CorpusComparer.MediaType(contentType);
        if ((mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal)) && CorpusJson.TryParse(text, out var json))
        {
            return ("json", json);
        }
        return ("text", new StringValue(text));
    }
}
