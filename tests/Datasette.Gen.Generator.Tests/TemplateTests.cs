using System.Linq;
using Datasette.Gen.Generator.Parsing;
using Datasette.Gen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Datasette.Gen.Generator.Tests;

/// <summary>
/// templates/*.cshtml: the generator registers each by Datasette's name with a factory of the class
/// Razor makes of it, and rejects names no page would consider. The Razor classes are stood in
/// for here by hand-written slices of the same names (tests/Datasette.Gen.TemplateSite builds real ones).
/// </summary>
public sealed class TemplateTests
{
    private const string Config = "databases:\n  fixtures:\n    queries:\n      search: select 1\n";

    private static readonly string Snapshot = TestSnapshots.Json(TestSnapshots.Database("fixtures",
        new[] { TestSnapshots.Table("facetable", new[] { "pk" }, new[] { "pk" }), TestSnapshots.Table("Table With Space In Name", new[] { "content" }) }, ("select 1", null)));

    private const string Index = "@inherits DatasetteTemplate<IIndexPage>\n<h1>@Model.Heading</h1>\n";

    /// <summary>The end of DSG1012's message: the names of the pages that are not per database or table.</summary>
    private const string Pages = "a debug, write or stored-query page its Datasette name (logout, create_token, messages_debug, show_json, allow_debug, debug_actions, debug_allowed, debug_rules, debug_check, debug_permissions_playground, debug_autocomplete, execute_write, query_list, query_create, query_edit, query_delete, schema, api_explorer)";

    [Fact]
    public void Overrides_are_registered_by_datasette_name_with_their_razor_class()
    {
        var run = Run(Snapshot,
            ("index.cshtml", Index),
            ("_table-fixtures-facetable.cshtml", "@inherits DatasetteTemplate<IRowsTable>\n"),
            ("query-fixtures-search.cshtml", "@* the stored query *@\n@inherits DatasetteTemplate<IQueryPage>\n"),
            ("table-fixtures-Table-With-Space-In-Name-627706.cshtml", "@inherits DatasetteTemplate<ITablePage>\n"),
            ("base.cshtml", "@inherits DatasetteTemplate<IPageLayout>\n"),
            ("404.cshtml", "@inherits DatasetteTemplate<IErrorPage>\n"),
            ("debug_actions.cshtml", "@inherits DatasetteTemplate<IActionsDebugPage>\n"));

        Assert.Empty(run.Diagnostics);
        Golden.Verify(run.Source("Deployment.Templates.g.cs"), "Templates.g.cs.txt");
        var compiled = run.Output.AddSyntaxTrees(RazorStandIns(
            ("templates_index", "IIndexPage"),
            ("templates__table_fixtures_facetable", "IRowsTable"),
            ("templates_query_fixtures_search", "IQueryPage"),
            ("templates_table_fixtures_Table_With_Space_In_Name_627706", "ITablePage"),
            ("templates_base", "IPageLayout"),
            ("templates_404", "IErrorPage"),
            ("templates_debug_actions", "IActionsDebugPage")));
        Assert.Empty(DiagnosticText.Format(compiled.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)));
    }

    [Fact]
    public void A_template_whose_model_is_not_its_pages_fails_at_its_inherits_line()
    {
        var run = Run(Snapshot, ("index.cshtml", "@* home *@\n@inherits DatasetteTemplate<ITablePage>\n"));

        var compiled = run.Output.AddSyntaxTrees(RazorStandIns(("templates_index", "ITablePage")));
        var error = Assert.Single(compiled.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(error.Id, new[] { "CS0029", "CS0266" }); // cannot convert ITablePage to IIndexPage
        Assert.Equal("/deploy/templates/index.cshtml", error.Location.GetMappedLineSpan().Path);
        Assert.Equal(1, error.Location.GetMappedLineSpan().StartLinePosition.Line);
    }

    [Theory]
    [InlineData("footer.cshtml", "DSG1012", "Template 'footer.cshtml' overrides nothing: a page template is named index, database[-DATABASE], table[-DATABASE-TABLE], row[-DATABASE-TABLE], query[-DATABASE[-QUERY]] or _table[-DATABASE-TABLE], with names as Datasette's to_css_class spells them; the layout is base, the error page error or a status from 400 to 599 (404), " + Pages)]
    [InlineData("base-fixtures.cshtml", "DSG1012", "Template 'base-fixtures.cshtml' overrides nothing: a page template is named index, database[-DATABASE], table[-DATABASE-TABLE], row[-DATABASE-TABLE], query[-DATABASE[-QUERY]] or _table[-DATABASE-TABLE], with names as Datasette's to_css_class spells them; the layout is base, the error page error or a status from 400 to 599 (404), " + Pages)]
    [InlineData("600.cshtml", "DSG1012", "Template '600.cshtml' overrides nothing: a page template is named index, database[-DATABASE], table[-DATABASE-TABLE], row[-DATABASE-TABLE], query[-DATABASE[-QUERY]] or _table[-DATABASE-TABLE], with names as Datasette's to_css_class spells them; the layout is base, the error page error or a status from 400 to 599 (404), " + Pages)]
    [InlineData("40.cshtml", "DSG1012", "Template '40.cshtml' overrides nothing: a page template is named index, database[-DATABASE], table[-DATABASE-TABLE], row[-DATABASE-TABLE], query[-DATABASE[-QUERY]] or _table[-DATABASE-TABLE], with names as Datasette's to_css_class spells them; the layout is base, the error page error or a status from 400 to 599 (404), " + Pages)]
    [InlineData("debug_nothing.cshtml", "DSG1012", "Template 'debug_nothing.cshtml' overrides nothing: a page template is named index, database[-DATABASE], table[-DATABASE-TABLE], row[-DATABASE-TABLE], query[-DATABASE[-QUERY]] or _table[-DATABASE-TABLE], with names as Datasette's to_css_class spells them; the layout is base, the error page error or a status from 400 to 599 (404), " + Pages)]
    [InlineData("index-fixtures.cshtml", "DSG1012", "Template 'index-fixtures.cshtml' overrides nothing: a page template is named index, database[-DATABASE], table[-DATABASE-TABLE], row[-DATABASE-TABLE], query[-DATABASE[-QUERY]] or _table[-DATABASE-TABLE], with names as Datasette's to_css_class spells them; the layout is base, the error page error or a status from 400 to 599 (404), " + Pages)]
    [InlineData("table-fixtures-nosuch.cshtml", "DSG1013", "Template 'table-fixtures-nosuch.cshtml' names 'fixtures-nosuch', which is not a table or view (table-DATABASE-TABLE) of the deployment (names as Datasette's to_css_class spells them)")]
    [InlineData("table-fixtures-Table With Space In Name.cshtml", "DSG1013", "Template 'table-fixtures-Table With Space In Name.cshtml' names 'fixtures-Table With Space In Name', which is not a table or view (table-DATABASE-TABLE) of the deployment (names as Datasette's to_css_class spells them)")]
    [InlineData("database-other.cshtml", "DSG1013", "Template 'database-other.cshtml' names 'other', which is not a database (database-DATABASE) of the deployment (names as Datasette's to_css_class spells them)")]
    [InlineData("query-fixtures-nosuch.cshtml", "DSG1013", "Template 'query-fixtures-nosuch.cshtml' names 'fixtures-nosuch', which is not a database or one of its configured queries (query-DATABASE, query-DATABASE-QUERY) of the deployment (names as Datasette's to_css_class spells them)")]
    [InlineData("_table-row-fixtures-nosuch.cshtml", "DSG1013", "Template '_table-row-fixtures-nosuch.cshtml' names 'row-fixtures-nosuch', which is not a table or view (_table-DATABASE-TABLE, _table-table-DATABASE-TABLE, _table-row-DATABASE-TABLE) of the deployment (names as Datasette's to_css_class spells them)")]
    public void A_name_no_page_considers_is_an_error_at_the_template(string file, string id, string message)
    {
        var run = Run(Snapshot, (file, Index), ("index.cshtml", Index));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal($"{file}(1,1): error {id}: {message}", DiagnosticText.Format(new[] { diagnostic }).Single());
        Assert.Equal("/deploy/templates/" + file, diagnostic.Location.GetLineSpan().Path);
        Assert.DoesNotContain(file.Replace(".cshtml", ".html"), run.Source("Deployment.Templates.g.cs"));
    }

    [Theory]
    [InlineData("row-fixtures-facetable.cshtml")]
    [InlineData("_table-table-fixtures-facetable.cshtml")]
    [InlineData("_table-row-fixtures-facetable.cshtml")]
    [InlineData("_table.cshtml")]
    [InlineData("query-fixtures.cshtml")]
    [InlineData("database-fixtures.cshtml")]
    [InlineData("base.cshtml")]
    [InlineData("error.cshtml")]
    [InlineData("403.cshtml")]
    [InlineData("500.cshtml")]
    [InlineData("show_json.cshtml")]
    [InlineData("logout.cshtml")]
    [InlineData("messages_debug.cshtml")]
    [InlineData("create_token.cshtml")]
    [InlineData("allow_debug.cshtml")]
    [InlineData("debug_allowed.cshtml")]
    [InlineData("debug_rules.cshtml")]
    [InlineData("debug_check.cshtml")]
    [InlineData("debug_permissions_playground.cshtml")]
    [InlineData("debug_autocomplete.cshtml")]
    [InlineData("execute_write.cshtml")]
    [InlineData("query_list.cshtml")]
    [InlineData("query_create.cshtml")]
    [InlineData("query_edit.cshtml")]
    [InlineData("query_delete.cshtml")]
    [InlineData("schema.cshtml")]
    [InlineData("api_explorer.cshtml")]
    public void Names_of_existing_resources_are_accepted(string file)
    {
        var run = Run(Snapshot, (file, "@inherits DatasetteTemplate<IPage>\n"));

        Assert.Empty(run.Diagnostics);
        Assert.Contains($"\"{file.Replace(".cshtml", ".html")}\"", run.Source("Deployment.Templates.g.cs"));
    }

    [Theory]
    [InlineData("base.cshtml", "IIndexPage", "IPageLayout")]
    [InlineData("404.cshtml", "ITablePage", "IErrorPage")]
    [InlineData("logout.cshtml", "IErrorPage", "ILogoutPage")]
    [InlineData("execute_write.cshtml", "IQueryPage", "IExecuteWritePage")]
    [InlineData("query_list.cshtml", "IDatabasePage", "IQueryListPage")]
    [InlineData("query_create.cshtml", "IQueryPage", "IQueryFormPage")]
    [InlineData("query_edit.cshtml", "IQueryDeletePage", "IQueryFormPage")]
    [InlineData("query_delete.cshtml", "IQueryFormPage", "IQueryDeletePage")]
    [InlineData("schema.cshtml", "IDatabasePage", "ISchemaPage")]
    [InlineData("api_explorer.cshtml", "IJsonDataPage", "IApiExplorerPage")]
    public void A_layout_error_debug_or_write_template_with_another_pages_model_fails_at_its_inherits_line(string file, string wrong, string expected)
    {
        var run = Run(Snapshot, (file, $"@* {expected} *@\n@inherits DatasetteTemplate<{wrong}>\n"));
        Assert.Empty(run.Diagnostics);
        Assert.Contains($"templates.Add<global::Datasette.Gen.Runtime.Html.{expected}>", run.Source("Deployment.Templates.g.cs"));

        var compiled = run.Output.AddSyntaxTrees(RazorStandIns(("templates_" + file.Replace(".cshtml", ""), wrong)));
        var error = Assert.Single(compiled.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(error.Id, new[] { "CS0029", "CS0266" });
        Assert.Equal("/deploy/templates/" + file, error.Location.GetMappedLineSpan().Path);
        Assert.Equal(1, error.Location.GetMappedLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Without_a_schema_snapshot_names_are_checked_for_their_shape_only()
    {
        var run = Run(null, ("table-anything-at-all.cshtml", Index), ("footer.cshtml", Index));

        Assert.Equal(new[] { "DSG1012" }, run.Diagnostics.Select(d => d.Id));
        Assert.Contains("\"table-anything-at-all.html\"", run.Source("Deployment.Templates.g.cs"));
    }

    [Fact]
    public void Razor_imports_and_views_outside_templates_are_not_templates()
    {
        var run = Run(Snapshot, ("_ViewImports.cshtml", "@using Datasette.Gen.Runtime.Html\n"));
        var elsewhere = GeneratorHarness.Run(
            GeneratorHarness.Files(Config, snapshot: Snapshot).Append(new InMemoryAdditionalText("/deploy/Pages/footer.cshtml", Index)),
            GeneratorHarness.CreateRuntimeCompilation(GeneratorHarness.ConsumerSource));

        Assert.Empty(run.Diagnostics);
        Assert.Empty(elsewhere.Diagnostics);
        Assert.DoesNotContain("templates.Add", elsewhere.Source("Deployment.Templates.g.cs"));
    }

    [Theory]
    [InlineData("templates/index.cshtml", "templates_index")]
    [InlineData("templates/_table-fixtures-facetable.cshtml", "templates__table_fixtures_facetable")]
    [InlineData("/templates/table-fixtures-123_starts_with_digits-1707c8.cshtml", "templates_table_fixtures_123_starts_with_digits_1707c8")]
    [InlineData("templates\\row-db-t.cshtml", "templates_row_db_t")]
    [InlineData("1templates/index.cshtml", "_1templates_index")]
    public void Class_names_follow_razor(string targetPath, string className) =>
        Assert.Equal(className, TemplateFiles.RazorClassName(targetPath));

    [Theory]
    [InlineData("facetable", "facetable")]
    [InlineData("Table With Space In Name", "Table-With-Space-In-Name-627706")]
    [InlineData("123_starts_with_digits", "123_starts_with_digits-1707c8")]
    [InlineData("table/with/slashes.csv", "tablewithslashescsv-fa7563")]
    public void Names_are_spelled_as_datasettes_to_css_class(string name, string expected) =>
        Assert.Equal(expected, CssClassName.Sanitise(name));

    private static GeneratorRun Run(string? snapshot, params (string Name, string Text)[] templates) => GeneratorHarness.Run(
        GeneratorHarness.Files(Config, snapshot: snapshot)
            .Concat(templates.Select(t => (AdditionalText)new InMemoryAdditionalText("/deploy/templates/" + t.Name, t.Text))),
        GeneratorHarness.CreateRuntimeCompilation(GeneratorHarness.ConsumerSource));

    /// <summary>What the Razor compiler would make of each template: a slice class of that name and model.</summary>
    private static SyntaxTree[] RazorStandIns(params (string ClassName, string Model)[] classes) => classes
        .Select(c => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText($$"""
            namespace AspNetCoreGeneratedDocument
            {
                internal sealed class {{c.ClassName}} : global::Datasette.Gen.Runtime.Html.Overrides.DatasetteTemplate<global::Datasette.Gen.Runtime.Html.{{c.Model}}>
                {
                    public override global::System.Threading.Tasks.Task ExecuteAsync() => global::System.Threading.Tasks.Task.CompletedTask;
                }
            }
            """, new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest), path: c.ClassName + ".cs"))
        .ToArray();
}
