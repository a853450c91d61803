using System.Collections.Immutable;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Diagnostics;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Generator.Diagnostics;
using Datasette.Gen.Generator.Model;

namespace Datasette.Gen.Generator.Parsing;

/// <summary>Picks the one configuration and one metadata file; a second of either kind is an error.</summary>
internal static class DeploymentInputs
{
    public static DeploymentInput Choose(ImmutableArray<DeploymentFile> files)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var config = ChooseOne(files, DeploymentFileKind.Config, "configuration", diagnostics);
        var metadata = ChooseOne(files, DeploymentFileKind.Metadata, "metadata", diagnostics);
        return new DeploymentInput(config, metadata, diagnostics.ToEquatableArray());
    }

    private static DeploymentFile? ChooseOne(ImmutableArray<DeploymentFile> files, DeploymentFileKind kind, string description, List<DiagnosticInfo> diagnostics)
    {
        // Ordinal path order, so the choice does not depend on the order MSBuild lists files in.
        var candidates = files.Where(f => f.Kind == kind).OrderBy(f => f.FilePath, StringComparer.Ordinal).ToList();
        for (var i = 1; i < candidates.Count; i++)
        {
            var extra = candidates[i];
            var diagnostic = ConfigDiagnostic.Create(
                GeneratorCatalog.MultipleFiles, SourceSpan.None(extra.Document.Path), description, extra.FilePath, candidates[0].FilePath);
            diagnostics.Add(DiagnosticInfo.From(diagnostic, extra.FilePath));
        }
        return candidates.Count > 0 ? candidates[0] : null;
    }
}
