namespace Datasette.Gen.Configuration.Tree;

/// <summary>
/// Where a node sits in its file: character offsets plus 1-based line and column, so the
/// generator can build a Roslyn Location and the runtime can print "file(line,col)".
/// </summary>
public readonly record struct SourceSpan(
    string Path, int Start, int End, int Line, int Column, int EndLine, int EndColumn)
{
    public static SourceSpan None(string path) => new(path, 0, 0, 1, 1, 1, 1);

    public override string ToString() => $"{Path}({Line},{Column})";
}
