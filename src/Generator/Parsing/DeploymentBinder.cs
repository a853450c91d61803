using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Binding;
using Datasette.Gen.Generator.Model;

namespace Datasette.Gen.Generator.Parsing;

/// <summary>Runs the shared binder; the model is empty when there is nothing to bind or anything is wrong.</summary>
internal static class DeploymentBinder
{
    public static BindOutcome Bind(DeploymentInput input, SnapshotInput snapshot, EquatableArray<string> pluginActionNames)
    {
        var diagnostics = new List<DiagnosticInfo>(input.Diagnostics);
        diagnostics.AddRange(snapshot.Diagnostics);
        if (input.Config is null && input.Metadata is null)
        {
            return new BindOutcome(DeploymentModel.Empty, diagnostics.ToEquatableArray());
        }
        var result = ConfigBinder.Bind(input.Config?.Document, input.Metadata?.Document, pluginActionNames.ToArray(), snapshot.Snapshot);
        diagnostics.AddRange(result.Diagnostics.Select(d => DiagnosticInfo.From(d, FilePathOf(d.Span.Path, input))));
        // With errors the build fails on the diagnostics alone: the empty model still compiles.
        var model = diagnostics.Any(d => d.IsError)
            ? DeploymentModel.Empty
            : new DeploymentModel(result.Config, result.Metadata);
        return new BindOutcome(model, diagnostics.ToEquatableArray());
    }

    private static string FilePathOf(string documentPath, DeploymentInput input)
    {
        if (input.Config is { } config && config.Document.Path == documentPath)
        {
            return config.FilePath;
        }
        if (input.Metadata is { } metadata && metadata.Document.Path == documentPath)
        {
            return metadata.FilePath;
        }
        return input.Config?.FilePath ?? input.Metadata?.FilePath ?? documentPath;
    }
}
