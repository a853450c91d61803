using System;
using Datasette.Gen.Runtime.Html;
using RazorSlices;

namespace Datasette.Gen.Tests.Html;

/// <summary>The registry a deployment's generated code fills: names and models are checked as they are added.</summary>
public sealed class TemplateOverridesTests
{
    private static RazorSlice Unused<T>(T model) => throw new InvalidOperationException("not rendered here");

    [Fact]
    public void A_template_must_be_given_its_pages_model()
    {
        var templates = new TemplateOverrides();

        var error = Assert.Throws<ArgumentException>(() => templates.Add<IIndexPage>("table-fixtures-facetable.html", Unused));
        Assert.StartsWith("The template 'table-fixtures-facetable.html' is given a ITablePage, not a IIndexPage.", error.Message);
        Assert.Throws<ArgumentException>(() => templates.Add<ITablePage>("base.html", Unused));
        Assert.Throws<ArgumentException>(() => templates.Add<IRowsTable>("_table", Unused));
        templates.Add<IRowsTable>("_table-row-fixtures-facetable.html", Unused);
        Assert.Throws<ArgumentException>(() => templates.Add<IRowsTable>("_table-row-fixtures-facetable.html", Unused));
    }

    [Theory]
    [InlineData("base.html", typeof(IPageLayout))]
    [InlineData("error.html", typeof(IErrorPage))]
    [InlineData("404.html", typeof(IErrorPage))]
    [InlineData("599.html", typeof(IErrorPage))]
    [InlineData("show_json.html", typeof(IJsonDataPage))]
    [InlineData("logout.html", typeof(ILogoutPage))]
    [InlineData("messages_debug.html", typeof(IMessagesDebugPage))]
    [InlineData("create_token.html", typeof(ICreateTokenPage))]
    [InlineData("allow_debug.html", typeof(IAllowDebugPage))]
    [InlineData("debug_actions.html", typeof(IActionsDebugPage))]
    [InlineData("debug_allowed.html", typeof(IPermissionToolPage))]
    [InlineData("debug_rules.html", typeof(IPermissionToolPage))]
    [InlineData("debug_check.html", typeof(IPermissionToolPage))]
    [InlineData("debug_permissions_playground.html", typeof(IPermissionsDebugPage))]
    [InlineData("debug_autocomplete.html", typeof(IAutocompleteDebugPage))]
    [InlineData("execute_write.html", typeof(IExecuteWritePage))]
    [InlineData("query_list.html", typeof(IQueryListPage))]
    [InlineData("query_create.html", typeof(IQueryFormPage))]
    [InlineData("query_edit.html", typeof(IQueryFormPage))]
    [InlineData("query_delete.html", typeof(IQueryDeletePage))]
    [InlineData("schema.html", typeof(ISchemaPage))]
    [InlineData("api_explorer.html", typeof(IApiExplorerPage))]
    [InlineData("schema-fixtures.html", null)]
    [InlineData("query_list-fixtures.html", null)]
    [InlineData("200.html", null)]
    [InlineData("600.html", null)]
    [InlineData("4044.html", null)]
    [InlineData("base-fixtures.html", null)]
    [InlineData("footer.html", null)]
    public void The_layout_error_debug_write_and_schema_pages_have_their_models(string name, Type? model) =>
        Assert.Equal(model, TemplateNames.ModelOf(name));

    [Fact]
    public void The_first_registered_candidate_is_chosen_and_starred()
    {
        var templates = new TemplateOverrides()
            .Add<IQueryPage>("query-fixtures.html", Unused)
            .Add<IQueryPage>("query.html", Unused);

        var (considered, chosen) = templates.Choose(["query-fixtures-search.html", "query-fixtures.html", "*query.html"]);

        Assert.Equal("query-fixtures.html", chosen);
        Assert.Equal(["query-fixtures-search.html", "*query-fixtures.html", "query.html"], considered);
    }

    [Fact]
    public void Without_a_registered_candidate_the_built_in_template_keeps_its_star()
    {
        string[] candidates = ["table-fixtures-facetable.html", "*table.html"];

        Assert.Equal((candidates, (string?)null), TemplateOverrides.None.Choose(candidates));
        Assert.Equal((candidates, (string?)null), new TemplateOverrides().Add<IIndexPage>("index.html", Unused).Choose(candidates));
        Assert.Throws<InvalidOperationException>(() => TemplateOverrides.None.Add<IIndexPage>("index.html", Unused));
    }
}
