using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Datasette.Gen.Generator.Diagnostics;

/// <summary>Turns diagnostic data into Roslyn diagnostics at the YAML location.</summary>
internal static class DiagnosticReporter
{
    public static Diagnostic ToDiagnostic(DiagnosticInfo info) =>
        Diagnostic.Create(DiagnosticDescriptors.Get(info.Id, info.Severity), ToLocation(info.FilePath, info.Span), info.Message);

    /// <summary>SourceSpan lines and columns are 1-based; Roslyn's are 0-based.</summary>
    public static Location ToLocation(string filePath, SourceSpan span)
    {
        var start = new LinePosition(Math.Max(span.Line - 1, 0), Math.Max(span.Column - 1, 0));
        var end = new LinePosition(Math.Max(span.EndLine - 1, 0), Math.Max(span.EndColumn - 1, 0));
        var textStart = Math.Max(span.Start, 0);
        return Location.Create(
            filePath,
            TextSpan.FromBounds(textStart, Math.Max(textStart, span.End)),
            new LinePositionSpan(start, end < start ? start : end));
    }
}
