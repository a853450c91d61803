using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Datasette.Gen.Generator.Tests.Infrastructure;

internal static class DiagnosticText
{
    /// <summary>"datasette.yaml(2,3): error DSG0004: message", 1-based like the compiler prints it.</summary>
    public static string Format(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): "
            + $"{severity} {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
    }

    public static IReadOnlyList<string> Format(IEnumerable<Diagnostic> diagnostics) => diagnostics.Select(Format).ToList();
}
