using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.OpenApi;

/// <summary>
/// The node tools in tests/openapi-tools (an OpenAPI 3.1 validator, openapi-typescript,
/// openapi-fetch, tsc). A fresh clone has no node_modules: the first test that needs them runs
/// <c>npm ci</c> there, once for the whole test process. Without node and npm the tests fail,
/// saying so: they never pass without having checked.
/// </summary>
public static class OpenApiTools
{
    private static readonly string[] Packages = { "@seriousme/openapi-schema-validator", "openapi-typescript", "openapi-fetch", "typescript", "ajv", "@microsoft/kiota-bundle" };

    /// <summary>Why the tools are unusable (null when they are ready); computed once, so parallel tests never run npm ci side by side.</summary>
    private static readonly Lazy<string?> Problem = new(InstallIfMissing, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Folder => Path.Combine(Paths.RepositoryRoot, "tests", "openapi-tools");

    public static string Generated => Path.Combine(Folder, "generated");

    public static void EnsureInstalled()
    {
        var problem = Problem.Value;
        Assert.True(problem is null, problem);
    }

    private static string? InstallIfMissing()
    {
        if (Run("node", "--version") is { Started: false })
        {
            return "The OpenAPI tests need Node.js: `node` was not found on PATH (install nodejs and npm; .ci/run does).";
        }
        if (MissingPackage() is null)
        {
            return null;
        }
        var install = Run("npm", "ci", "--no-audit", "--no-fund");
        if (!install.Started)
        {
            return "tests/openapi-tools/node_modules is missing and `npm` was not found on PATH to install it (install npm; .ci/run does).";
        }
        if (install.ExitCode != 0)
        {
            return $"`npm ci --no-audit --no-fund` in tests/openapi-tools failed with exit code {install.ExitCode}:\n{install.Output}";
        }
        return MissingPackage() is { } package
            ? $"`npm ci` in tests/openapi-tools finished but node_modules lacks {package}."
            : null;
    }

    private static string? MissingPackage() =>
        Packages.FirstOrDefault(p => !File.Exists(Path.Combine(Folder, "node_modules", p, "package.json")));

    /// <summary>Runs a tool in tests/openapi-tools to completion; Started is false when it is not installed.</summary>
    private static (bool Started, int ExitCode, string Output) Run(string fileName, params string[] args)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception)
        {
            return (false, -1, "");
        }
        if (process is null)
        {
            return (false, -1, "");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                return (true, -1, $"{fileName} {string.Join(' ', args)} took over 10 minutes");
            }
            return (true, process.ExitCode, output.Result + error.Result);
        }
    }

    /// <summary>Runs <c>node SCRIPT ARGS</c> in tests/openapi-tools; returns the exit code and both outputs.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> NodeAsync(params string[] args)
    {
        EnsureInstalled();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("node " + string.Join(" ", args) + " took over 4 minutes");
        }
        return (process.ExitCode, await output, await error);
    }

    /// <summary>validate.mjs: the official OpenAPI schema of the document's version, then every schema compiled as JSON Schema 2020-12.</summary>
    public static async Task<JsonElement> ValidateAsync(string documentPath)
    {
        var (exitCode, output, error) = await NodeAsync("validate.mjs", documentPath);
        Assert.True(output.TrimStart().StartsWith('{'), $"validate.mjs printed no result (exit {exitCode}): {output}\n{error}");
        using var result = JsonDocument.Parse(output);
        return result.RootElement.Clone();
    }

    /// <summary>Writes <paramref name="document"/> to a fresh temporary file and returns its path.</summary>
    public static string WriteTemporary(string document, string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), "datasette-gen-openapi-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, document);
        return path;
    }
}
