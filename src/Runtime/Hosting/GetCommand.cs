using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// <c>serve --get PATH</c>: one GET answered in process by the instance the other options describe
/// (no socket is bound), its body printed; exit 0 for a 200, else 1, as Datasette does.
/// </summary>
internal static class GetCommand
{
    public static async Task<int> RunAsync(Deployment deployment, ServeOptions options, string path, TextWriter output, TextWriter error)
    {
        var actor = ParseActor(options.Actor);
        var loaded = DatasetteHost.Prepare(deployment, options);
        await using var datasette = await DatasetteHost.InitialiseAsync(deployment, options, loaded).ConfigureAwait(false);
        using var loggers = new LoggerFactory([new StandardErrorLoggerProvider(LogLevel.Warning, error)]);
        datasette.CreatePipeline(loggers.CreateLogger("Datasette"));
        var headers = options.Token is { } token ? [KeyValuePair.Create("Authorization", $"Bearer {token}")] : Array.Empty<KeyValuePair<string, string>>();
        // The path is sent as given, base_url included when the instance has one (Datasette's test client does the same).
        var response = await datasette.Client.RequestAsync("GET", path, actor: actor, headers: headers, avoidPathRewrites: true).ConfigureAwait(false);
        if (options.Headers)
        {
            output.WriteLine($"HTTP/1.1 {response.Status}");
            foreach (var (name, value) in response.Headers)
            {
                output.WriteLine($"{name.ToLowerInvariant()}: {value}");
            }
            if (response.Body.Length > 0)
            {
                output.WriteLine();
                output.WriteLine(response.Text);
            }
        }
        else
        {
            output.WriteLine(response.Text);
        }
        return response.Status == 200 ? 0 : 1;
    }

    private static JsonObject? ParseActor(string? actor)
    {
        if (actor is null)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(actor) as JsonObject ?? throw new CommandLineException("Invalid value for '--actor': the actor must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw new CommandLineException($"Invalid value for '--actor': {ex.Message}");
        }
    }
}
