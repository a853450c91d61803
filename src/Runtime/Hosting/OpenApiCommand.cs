namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// <c>datasette-gen openapi [-o PATH] [FILES] [serve's instance options]</c>: starts the instance exactly as
/// <c>serve</c> would (on a free loopback port) and writes the OpenAPI document an anonymous
/// client gets from /-/openapi.json. The build runs it to put openapi.json beside the executable.
/// </summary>
internal static class OpenApiCommand
{
    public const string Name = "openapi";

    /// <summary>What the command line asks for: the document of this instance, written here (null: standard output).</summary>
    internal sealed record Arguments(ServeOptions Serve, string? Output);

    internal static CommandSyntax<Arguments> Syntax { get; } = new(
        Name,
        "[FILES]...",
        "Write the OpenAPI 3.1 document of the JSON API.\nIt is the document `serve` with the same arguments offers an anonymous client at /-/openapi.json.",
        CommandLine.InstanceOptions.Select(o => o.Within<Arguments>(a => a.Serve, (a, serve) => a with { Serve = serve }))
            .Prepend(new("-o, --output", "PATH", "File to write (default: standard output)", (a, v) => a with { Output = v[0] })),
        (a, file) => a with { Serve = CommandLine.WithFile(a.Serve, file) });

    public static string Usage => Syntax.Usage;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Deployment deployment, TextWriter? output = null)
    {
        output ??= Console.Out;
        var arguments = Syntax.Parse(args, new Arguments(new ServeOptions(), null));
        var path = arguments.Output;
        var options = arguments.Serve with { Host = "127.0.0.1", Port = 0 };
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
