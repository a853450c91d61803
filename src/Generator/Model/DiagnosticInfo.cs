using Datasette.Gen.Configuration.Diagnostics;
using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Generator.Model;

/// <summary>A diagnostic as plain data; it becomes a Roslyn Diagnostic only when reported.</summary>
internal sealed record DiagnosticInfo(string Id, ConfigSeverity Severity, string Message, string FilePath, SourceSpan Span)
{
    public bool IsError => Severity == ConfigSeverity.Error;

    public static DiagnosticInfo From(ConfigDiagnostic diagnostic, string filePath) =>
        new(diagnostic.Id, diagnostic.Severity, diagnostic.Message, filePath, diagnostic.Span);
}
