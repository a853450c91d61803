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
            "base" => typeof(IPageLayout),
            "error" => typeof(IErrorPage),
            "show_json" => typeof(IJsonDataPage),
            "logout" => typeof(ILogoutPage),
            "messages_debug" => typeof(IMessagesDebugPage),
            "create_token" => typeof(ICreateTokenPage),
            "allow_debug" => typeof(IAllowDebugPage),
            "debug_actions" => typeof(IActionsDebugPage),
            "debug_allowed" or "debug_rules" or "debug_check" => typeof(IPermissionToolPage),
            "debug_permissions_playground" => typeof(IPermissionsDebugPage),
            "debug_autocomplete" => typeof(IAutocompleteDebugPage),
            "execute_write" => typeof(IExecuteWritePage),
            "query_list" => typeof(IQueryListPage),
            "query_create" or "query_edit" => typeof(IQueryFormPage),
            "query_delete" => typeof(IQueryDeletePage),
            "schema" => typeof(ISchemaPage),
            "api_explorer" => typeof(IApiExplorerPage),
            _ when IsErrorStatus(stem) => typeof(IErrorPage),
            _ when Has(stem, "database-") => typeof(IDatabasePage),
            _ when Has(stem, "table-") => typeof(ITablePage),
            _ when Has(stem, "row-") => typeof(IRowPage),
            _ when Has(stem, "query-") => typeof(IQueryPage),
            _ when Has(stem, "_table-") => typeof(IRowsTable),
            _ => null,
        };
    }

    /// <summary>Datasette's error page tries <c>STATUS.html</c> before <c>error.html</c>; errors are 4xx and 5xx.</summary>
    internal static bool IsErrorStatus(string stem) =>
        stem.Length == 3 && stem[0] is '4' or '5' && char.IsAsciiDigit(stem[1]) && char.IsAsciiDigit(stem[2]);

    private static bool Has(string stem, string prefix) => stem.Length > prefix.Length && stem.StartsWith(prefix, StringComparison.Ordinal);
}
