using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.OpenApi;

/// <summary>
/// The node tools in tests/openapi-tools (an OpenAPI 3.1 validator, openapi-typescript,
/// openapi-fetch, tsc), installed there by <c>npm ci</c>. A test that needs them fails, naming
/// the command to run, when they are missing: it never passes without having checked.
/// </summary>
public static class OpenApiTools
{
    public static string Folder => Path.Combine(Paths.RepositoryRoot, "tests", "openapi-tools");

    public static string Generated => Path.Combine(Folder, "generated");

    public static void EnsureInstalled()
    {
        foreach (var package in new[] { "@seriousme/openapi-schema-validator", "openapi-typescript", "openapi-fetch", "typescript", "ajv" })
        {
            Assert.True(
                File.Exists(Path.Combine(Folder, "node_modules", package, "package.json")),
                $"tests/openapi-tools/node_modules lacks {package}: run `npm ci` in tests/openapi-tools (.ci/run does) before these tests.");
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
