using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.OpenApi;

/// <summary>
/// The client generators .NET and TypeScript users run on the document: Kiota and NSwag, local
/// dotnet tools pinned in .config/dotnet-tools.json and restored once per test process (a no-op
/// when already restored), and the C# project that compiles what they generate.
/// </summary>
public static partial class ClientGenerators
{
    /// <summary>Where the C# clients go: tests/openapi-tools/dotnet-client compiles every file under it.</summary>
    public static string DotnetOutput => Path.Combine(OpenApiTools.Generated, "dotnet");

    public static string KiotaTypeScriptOutput => Path.Combine(OpenApiTools.Generated, "kiota-ts");

    public static string ClientProject => Path.Combine(OpenApiTools.Folder, "dotnet-client");

    /// <summary>
    /// The Kiota warnings a document of ours may cause, each for something Kiota cannot express
    /// (docs/openapi.md says why). Any other warning fails the test that generated it.
    /// </summary>
    public static readonly IReadOnlyList<string> ExpectedKiotaWarnings = new[]
    {
        // servers[0] is base_url, a path: the host is the client's to set.
        "A servers entry (v3) or host + basePath + schemes properties (v2) was not present in the OpenAPI description.",
        // next_url is a URI; Kiota types it as a string.
        "The format uri is not supported by Kiota and the string type will be used.",
    };

    /// <summary>
    /// The row-level write paths (<c>/{db}/{table}/{pks}/-/update</c>, <c>…/-/delete</c>), which Kiota
    /// cannot generate beside the row page <c>/{pks}.json</c>: it merges the two path parameters of
    /// one level into one indexer and drops <c>.json</c> from the row page's URL (docs/openapi.md).
    /// </summary>
    public const string KiotaRowWritePaths = "**/{pks}/-/**";

    private static readonly Lazy<string?> RestoreProblem = new(Restore, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Runs <c>kiota generate</c>; returns its warnings (the update check, which needs the network, left out).</summary>
    public static async Task<List<string>> KiotaAsync(string language, string document, string output, string? @namespace, params string[] extra)
    {
        var args = new List<string> { "tool", "run", "kiota", "--", "generate", "-l", language, "-d", document, "-o", output, "-c", "ApiClient", "--clean-output", "--log-level", "Warning" };
        if (@namespace is not null)
        {
            args.AddRange(new[] { "-n", @namespace });
        }
        args.AddRange(extra);
        var (exitCode, text) = await DotnetAsync(Paths.RepositoryRoot, TimeSpan.FromMinutes(4), args.ToArray());
        Assert.True(exitCode == 0, $"kiota generate -l {language} failed ({exitCode}):\n{text}");
        return KiotaEntry().Matches(text)
            .Where(m => m.Groups["level"].Value != "info")
            .Select(m => m.Groups["level"].Value + ": " + m.Groups["message"].Value.Trim())
            .Where(m => !m.Contains("Unable to check for updates", StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>Kiota's log entries are "warn: Category[id]" then the message on the next, indented line.</summary>
    [GeneratedRegex(@"^(?<level>warn|fail|crit|info): [^\n]*\n\s+(?<message>[^\n]*)", RegexOptions.Multiline)]
    private static partial Regex KiotaEntry();

    /// <summary>The warnings that are not in <see cref="ExpectedKiotaWarnings"/>.</summary>
    public static List<string> Unexpected(IEnumerable<string> warnings) =>
        warnings.Where(w => !ExpectedKiotaWarnings.Any(e => w.Contains(e, StringComparison.Ordinal))).ToList();

    /// <summary>Runs NSwag's C# client generator with System.Text.Json and optional parameters; returns its output.</summary>
    public static async Task<string> NSwagAsync(string document, string outputFile, string @namespace)
    {
        var (exitCode, text) = await DotnetAsync(Paths.RepositoryRoot, TimeSpan.FromMinutes(4), "tool", "run", "nswag", "--", "openapi2csclient",
            "/input:" + document, "/output:" + outputFile, "/namespace:" + @namespace, "/JsonLibrary:SystemTextJson", "/GenerateOptionalParameters:true");
        Assert.True(exitCode == 0, $"nswag openapi2csclient failed ({exitCode}):\n{text}");
        return text;
    }

    /// <summary>Builds tests/openapi-tools/dotnet-client (warnings are errors there as everywhere) and returns the path of its program.</summary>
    public static async Task<string> BuildClientsAsync()
    {
        var output = Path.Combine(OpenApiTools.Generated, "dotnet-bin");
        var (exitCode, text) = await DotnetAsync(ClientProject, TimeSpan.FromMinutes(8), "build", "-nologo", "-v", "q", "--disable-build-servers", "-o", output);
        Assert.True(exitCode == 0, "the generated C# clients do not compile:\n" + text);
        return Path.Combine(output, "GeneratedClients.dll");
    }

    /// <summary>Runs <c>dotnet ARGS</c> in <paramref name="directory"/> once the local tools are restored.</summary>
    public static async Task<(int ExitCode, string Output)> DotnetAsync(string directory, TimeSpan timeout, params string[] args)
    {
        var problem = RestoreProblem.Value;
        Assert.True(problem is null, problem);
        return await RunAsync(directory, timeout, args);
    }

    private static string? Restore()
    {
        var (exitCode, output) = RunAsync(Paths.RepositoryRoot, TimeSpan.FromMinutes(5), "tool", "restore").GetAwaiter().GetResult();
        return exitCode == 0 ? null : $"`dotnet tool restore` failed ({exitCode}):\n{output}";
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string directory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // The test host's MSBuild variables would point a nested build at the test run's own MSBuild.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["KIOTA_CLI_TELEMETRY_OPTOUT"] = "true";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        }
        catch (Win32Exception)
        {
            return (-1, "`dotnet` was not found on PATH");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"dotnet {string.Join(' ', args)} took over {timeout}");
            }
            return (process.ExitCode, await output + await error);
        }
    }
}
