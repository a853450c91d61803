using Datasette.Gen.Configuration.Tree;
using Microsoft.CodeAnalysis;

namespace Datasette.Gen.Generator.Parsing;

/// <summary>Roslyn locations as data (path and span), so models stay free of Roslyn objects.</summary>
internal static class SourceLocations
{
    public static (string FilePath, SourceSpan Span) ToSpan(Location? location)
    {
        if (location is null || !location.IsInSource)
        {
            return ("", SourceSpan.None(""));
        }
        var lines = location.GetLineSpan();
        var path = lines.Path ?? string.Empty;
        return (path, new SourceSpan(
            Path.GetFileName(path),
            location.SourceSpan.Start,
            location.SourceSpan.End,
            lines.StartLinePosition.Line + 1,
            lines.StartLinePosition.Character + 1,
            lines.EndLinePosition.Line + 1,
            lines.EndLinePosition.Character + 1));
    }
}
