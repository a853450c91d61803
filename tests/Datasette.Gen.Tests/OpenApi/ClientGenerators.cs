using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
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
    /// How the generators are run and the Kiota warnings a document of ours may cause (each for
    /// something Kiota cannot express; docs/openapi.md says why): tests/openapi-tools/client-generators.json,
    /// which tests/openapi-tools/published-clients reads too. Any other warning fails the test that generated it.
    /// </summary>
    private static readonly JsonNode Options = JsonNode.Parse(File.ReadAllText(Path.Combine(OpenApiTools.Folder, "client-generators.json")))!;

    public static IReadOnlyList<string> ExpectedKiotaWarnings { get; } =
        Options["kiota"]!["expectedWarnings"]!.AsArray().Select(w => w!["text"]!.GetValue<string>()).ToList();

    private static List<string> Arguments(JsonNode? node) => node!.AsArray().Select(a => a!.GetValue<string>()).ToList();

    private static readonly Lazy<string?> RestoreProblem = new(Restore, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Runs <c>kiota generate</c>, leaving out the paths the language's writer cannot generate;
    /// returns its warnings (the update check, which needs the network, left out).
    /// </summary>
    public static async Task<List<string>> KiotaAsync(string language, string document, string output, string? @namespace)
    {
        var args = new List<string> { "tool", "run", "kiota", "--", "generate", "-l", language, "-d", document, "-o", output };
        args.AddRange(Arguments(Options["kiota"]!["arguments"]));
        if (Options["kiota"]!["excludePaths"]![language] is { } excluded)
        {
            args.AddRange(new[] { "--exclude-path", excluded["path"]!.GetValue<string>() });
        }
        if (@namespace is not null)
        {
            args.AddRange(new[] { "-n", @namespace });
        }
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

    /// <summary>Runs NSwag's C# client generator with client-generators.json's options; returns its output.</summary>
    public static async Task<string> NSwagAsync(string document, string outputFile, string @namespace)
    {
        var args = new List<string> { "tool", "run", "nswag", "--", "openapi2csclient", "/input:" + document, "/output:" + outputFile, "/namespace:" + @namespace };
        args.AddRange(Arguments(Options["nswag"]!["arguments"]));
        var (exitCode, text) = await DotnetAsync(Paths.RepositoryRoot, TimeSpan.FromMinutes(4), args.ToArray());
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
