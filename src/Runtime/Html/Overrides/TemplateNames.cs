namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// Which model each overridable template is given, by Datasette's name pattern. The generator
/// holds the same table (Generator/Parsing/TemplateFiles.cs): it checks names at build time, this
/// one guards <see cref="TemplateOverrides.Add{TPage}"/>.
/// </summary>
public static class TemplateNames
{
    /// <summary>The page-model interface for a template name (<c>row-fixtures-facetable.html</c>), or null if the name is not overridable.</summary>
    public static Type? ModelOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.EndsWith(".html", StringComparison.Ordinal))
        {
            return null;
        }
        var stem = name[..^".html".Length];
        return stem switch
        {
            "index" => typeof(IIndexPage),
            "database" => typeof(IDatabasePage),
            "table" => typeof(ITablePage),
            "row" => typeof(IRowPage),
            "query" => typeof(IQueryPage),
            "_table" => typeof(IRowsTable),
            _ when Has(stem, "database-") => typeof(IDatabasePage),
            _ when Has(stem, "table-") => typeof(ITablePage),
            _ when Has(stem, "row-") => typeof(IRowPage),
            _ when Has(stem, "query-") => typeof(IQueryPage),
            _ when Has(stem, "_table-") => typeof(IRowsTable),
            _ => null,
        };
    }

    private static bool Has(string stem, string prefix) => stem.Length > prefix.Length && stem.StartsWith(prefix, StringComparison.Ordinal);
}
