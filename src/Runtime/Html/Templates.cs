namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// The template names Datasette would consider for a page, most specific first, the one used
/// starred (html-ui.md §1); shown in the page's "Templates considered" comment.
/// </summary>
internal static class Templates
{
    /// <summary>The layout around every page.</summary>
    public const string Layout = "base.html";

    /// <summary>An error page: Datasette tries the status's own template first.</summary>
    public static IReadOnlyList<string> Error(int status) => [$"{status}.html", "*error.html"];

    public static IReadOnlyList<string> Index() => ["*index.html"];

    public static IReadOnlyList<string> Database(string database) => [$"database-{Css(database)}.html", "*database.html"];

    public static IReadOnlyList<string> Table(string database, string table) => [$"table-{Css(database)}-{Css(table)}.html", "*table.html"];

    public static IReadOnlyList<string> Row(string database, string table) => [$"row-{Css(database)}-{Css(table)}.html", "*row.html"];

    public static IReadOnlyList<string> Query(string database, string? query) => query is null
        ? [$"query-{Css(database)}.html", "*query.html"]
        : [$"query-{Css(database)}-{Css(query)}.html", $"query-{Css(database)}.html", "*query.html"];

    /// <summary>The rows-table partials of a table or row page, most specific first (not in the comment, as in Datasette).</summary>
    public static IReadOnlyList<string> RowsTable(string page, string database, string table) =>
        [$"_table-{Css(database)}-{Css(table)}.html", $"_table-{page}-{Css(database)}-{Css(table)}.html", "_table.html"];

    private static string Css(string name) => Http.CssClass.Sanitise(name);
}
