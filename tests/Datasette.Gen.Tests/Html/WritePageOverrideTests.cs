using System;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Overrides;
using Datasette.Gen.Tests.PluginApi;

namespace Datasette.Gen.Tests.Html;

/// <summary>
/// The write, stored-query, schema and API pages take the deployment's template of their Datasette
/// name (execute_write.html, query_list.html, query_create.html, query_edit.html, query_delete.html,
/// schema.html, api_explorer.html) with their own model; a template that throws leaves the built-in page.
/// </summary>
public sealed class WritePageOverrideTests
{
    private static readonly JsonObject Root = PluginApiInstance.Actor("root");

    /// <summary>What Razor would make of a template that writes its name and one thing from its model inside the layout.</summary>
    private sealed class Writes<TPage>(string name, Func<TPage, string> text) : DatasetteTemplate<TPage>
        where TPage : class
    {
        public override async Task ExecuteAsync()
        {
            WriteHtml(await RenderPageStartAsync());
            WriteLiteral($"<p class=\"override\">{name}: {WebUtility.HtmlEncode(text(Model))}</p>");
            WriteHtml(await RenderPageEndAsync());
        }
    }

    /// <summary>A template whose code fails after it has started writing.</summary>
    private sealed class Throws<TPage> : DatasetteTemplate<TPage>
        where TPage : class
    {
        public override async Task ExecuteAsync()
        {
            WriteHtml(await RenderPageStartAsync());
            WriteLiteral("<p class=\"override\">half a page</p>");
            throw new InvalidOperationException("the template's own bug");
        }
    }

    private static TemplateOverrides Written() => new TemplateOverrides()
        .Add<IExecuteWritePage>("execute_write.html", m => new Writes<IExecuteWritePage>("execute_write", p => $"{p.Database} {p.Sql} {p.DisabledReason is null}") { Model = m })
        .Add<IQueryListPage>("query_list.html", m => new Writes<IQueryListPage>("query_list", p => string.Join(",", p.Queries.Select(q => $"{q.Name}={q.Label} {q.Url}"))) { Model = m })
        .Add<IQueryFormPage>("query_create.html", m => new Writes<IQueryFormPage>("query_create", p => $"{p.Title} / {p.Sql} -> {p.FormAction}") { Model = m })
        .Add<IQueryFormPage>("query_edit.html", m => new Writes<IQueryFormPage>("query_edit", p => $"{p.Name} {p.QueryTitle} {p.QueryUrl}") { Model = m })
        .Add<IQueryDeletePage>("query_delete.html", m => new Writes<IQueryDeletePage>("query_delete", p => $"{p.Heading} {p.Sql}") { Model = m })
        .Add<ISchemaPage>("schema.html", m => new Writes<ISchemaPage>("schema", p => $"{p.Heading} {p.Table} {string.Join(";", p.Schemas.Select(s => s.Database))}") { Model = m })
        .Add<IApiExplorerPage>("api_explorer.html", m => new Writes<IApiExplorerPage>("api_explorer", p => p.OpenApiUrl) { Model = m });

    private static TemplateOverrides Throwing() => new TemplateOverrides()
        .Add<IExecuteWritePage>("execute_write.html", m => new Throws<IExecuteWritePage> { Model = m })
        .Add<IQueryListPage>("query_list.html", m => new Throws<IQueryListPage> { Model = m })
        .Add<IQueryFormPage>("query_create.html", m => new Throws<IQueryFormPage> { Model = m })
        .Add<IQueryFormPage>("query_edit.html", m => new Throws<IQueryFormPage> { Model = m })
        .Add<IQueryDeletePage>("query_delete.html", m => new Throws<IQueryDeletePage> { Model = m })
        .Add<ISchemaPage>("schema.html", m => new Throws<ISchemaPage> { Model = m })
        .Add<IApiExplorerPage>("api_explorer.html", m => new Throws<IApiExplorerPage> { Model = m });

    private static async Task<PluginApiInstance> CreateAsync(TemplateOverrides templates)
    {
        var instance = await PluginApiInstance.CreateAsync("{}", null, new DatasetteOptions { RootEnabled = true, Secret = "s", Templates = templates },
            databases: ("data", "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT);"));
        var stored = await instance.Datasette.Client.PostAsync("/data/-/queries/store",
            data: [new("name", "q1"), new("sql", "select title from docs"), new("title", "First"), new("is_private", "0")], actor: Root);
        Assert.True(stored.Status == 302, stored.Text);
        return instance;
    }

    private static async Task<string> PageAsync(PluginApiInstance instance, string path)
    {
        var response = await instance.Datasette.Client.GetAsync(path, actor: Root);
        Assert.True(response.Status == 200, $"{response.Status}\n{response.Text}");
        return response.Text;
    }

    [Theory]
    [InlineData("/data/-/execute-write?sql=delete+from+docs", "execute_write: data delete from docs True")]
    [InlineData("/-/queries", "query_list: q1=First /data/q1")]
    [InlineData("/data/-/queries/store?sql=select+1", "query_create: Create query / select 1 -&gt; /data/-/queries/store")]
    [InlineData("/data/q1/-/edit", "query_edit: q1 First /data/q1")]
    [InlineData("/data/q1/-/delete", "query_delete: Delete query: First select title from docs")]
    [InlineData("/-/schema", "schema: Schema for all databases  data")]
    [InlineData("/data/docs/-/schema", "schema: Schema for docs docs data")]
    [InlineData("/-/api", "api_explorer: /-/openapi.json")]
    public async Task The_pages_template_is_used_with_its_model_inside_the_layout(string path, string text)
    {
        await using var instance = await CreateAsync(Written());
        var html = await PageAsync(instance, path);

        Assert.Contains($"<p class=\"override\">{text}</p>", html);
        Assert.Matches("<!-- Templates considered: \\*[a-z_]+\\.html -->", html);
        Assert.Contains("<nav class=\"crumbs\"", html);
    }

    [Theory]
    [InlineData("/data/-/execute-write?sql=delete+from+docs", "execute_write.html", "<h1>Execute write SQL</h1>")]
    [InlineData("/-/queries", "query_list.html", "<h1>Queries</h1>")]
    [InlineData("/data/-/queries/store?sql=select+1", "query_create.html", "<form class=\"sql core query-form\"")]
    [InlineData("/data/q1/-/edit", "query_edit.html", "<form class=\"sql core query-form\"")]
    [InlineData("/data/q1/-/delete", "query_delete.html", "<form class=\"core query-delete-form\"")]
    [InlineData("/data/-/schema", "schema.html", "<pre class=\"schema-sql\"><code>CREATE TABLE docs")]
    [InlineData("/-/api", "api_explorer.html", "<div id=\"swagger-ui\"")]
    public async Task A_template_that_throws_leaves_the_built_in_page(string path, string name, string builtIn)
    {
        await using var instance = await CreateAsync(Throwing());
        var html = await PageAsync(instance, path);

        Assert.Contains(builtIn, html);
        Assert.Contains($"<!-- The deployment's {name} failed: this is the built-in page. -->", html);
        Assert.DoesNotContain("half a page", html);
        Assert.DoesNotContain("the template's own bug", html);
    }
}
