using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;

namespace Datasette.Gen.Runtime.OpenApi;

/// <summary>
/// <c>datasette-gen openapi [-o PATH] [serve options] [FILES]</c>: starts the instance exactly as
/// <c>serve</c> would (on a free loopback port) and writes the OpenAPI document an anonymous
/// client gets from /-/openapi.json. The build runs it to put openapi.json beside the executable.
/// </summary>
public static class OpenApiCommand
{
    public const string Name = "openapi";

    public const string Usage = """
        Usage: datasette-gen openapi [OPTIONS] [FILES]...

          Write the OpenAPI 3.1 document of the JSON API that `serve` with the same arguments
          would offer an anonymous client at /-/openapi.json.

        Options:
          -o, --output PATH  File to write (default: standard output)
          -i, -m, -c, -s, --memory, --create, --default-deny  as for serve
          --help             Show this message and exit
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Deployment deployment, TextWriter? output = null)
    {
        output ??= Console.Out;
        string? path = null;
        var serveArgs = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--help":
                    output.WriteLine(Usage);
                    return 0;
                case "-o" or "--output":
                    path = i + 1 < args.Count ? args[++i] : throw new CommandLineException($"Option '{args[i]}' requires an argument.");
                    break;
                default:
                    serveArgs.Add(args[i]);
                    break;
            }
        }
        var options = CommandLine.ParseServe(serveArgs) with { Host = "127.0.0.1", Port = 0 };
        await using var app = await DatasetteHost.StartAsync(deployment, options).ConfigureAwait(false);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var response = await client.GetAsync("/-/openapi.json").ConfigureAwait(false);
        var document = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new CommandLineException($"/-/openapi.json answered {(int)response.StatusCode}: {document}", 1);
        }
        if (path is null)
        {
            output.WriteLine(document);
            return 0;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        await File.WriteAllTextAsync(path, document).ConfigureAwait(false);
        output.WriteLine($"Wrote {path}: {document.Length:N0} bytes");
        return 0;
    }
}
