using System;
using System.Collections.Generic;
using System.IO;

namespace Datasette.Gen.Tests.Conformance;

/// <summary>A urls*.txt file: one path per line, '#' comments, '# category: NAME' tags the paths below it.</summary>
internal static class CorpusUrls
{
    public static List<(string Path, string? Category)> Read(string file)
    {
        var paths = new List<(string, string?)>();
        string? category = null;
        foreach (var raw in File.ReadLines(file))
        {
            var line = raw.Trim();
            if (line.StartsWith('#'))
            {
                if (line.StartsWith("# category:", StringComparison.OrdinalIgnoreCase))
                {
                    category = line[(line.IndexOf(':') + 1)..].Trim();
                }
            }
            else if (line.Length > 0)
            {
                paths.Add((line, category));
            }
        }
        return paths;
    }
}
