using System.Collections.Immutable;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Diagnostics;
using Datasette.Gen.Configuration.Schema;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Generator.Diagnostics;
using Datasette.Gen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Datasette.Gen.Generator.Parsing;

/// <summary>Finds datasette.schema.json among the AdditionalFiles and reads it; a second one is an error.</summary>
internal static class SchemaSnapshotFiles
{
    public static bool IsSnapshot(string path) =>
        string.Equals(Path.GetFileName(path), SchemaSnapshot.FileName, StringComparison.OrdinalIgnoreCase);

    public static SnapshotFile Read(AdditionalText text, CancellationToken cancellationToken)
    {
        var content = text.GetText(cancellationToken)?.ToString() ?? string.Empty;
        var document = SchemaSnapshotJson.Read(Path.GetFileName(text.Path), content);
        return new SnapshotFile(
            text.Path,
            document.Snapshot,
            document.Diagnostics.Select(d => DiagnosticInfo.From(d, text.Path)).ToEquatableArray());
    }

    public static SnapshotInput Choose(ImmutableArray<SnapshotFile> files)
    {
        if (files.IsEmpty)
        {
            return SnapshotInput.None;
        }
        // Ordinal path order, so the choice does not depend on the order MSBuild lists files in.
        var ordered = files.OrderBy(f => f.FilePath, StringComparer.Ordinal).ToList();
        var diagnostics = ordered[0].Diagnostics.ToList();
        foreach (var extra in ordered.Skip(1))
        {
            var diagnostic = ConfigDiagnostic.Create(
                GeneratorCatalog.MultipleFiles, SourceSpan.None(Path.GetFileName(extra.FilePath)), "schema snapshot", extra.FilePath, ordered[0].FilePath);
            diagnostics.Add(DiagnosticInfo.From(diagnostic, extra.FilePath));
        }
        return new SnapshotInput(ordered[0].Snapshot, diagnostics.ToEquatableArray());
    }
}
