using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Generator.Tests.Infrastructure;
using Datasette.Gen.Runtime.Plugins;
using Microsoft.AspNetCore.Html;
using Xunit;

namespace Datasette.Gen.Generator.Tests;

/// <summary>The page hooks (extra_* and top_*) wired by the generator from interfaces and [DatasetteHook] methods of each return shape.</summary>
public sealed class PageHookPluginTests
{
    private const string Plugins = """
        using System.Collections.Generic;
        using System.Text.Json.Nodes;
        using System.Threading.Tasks;
        using Datasette.Gen.Runtime.Http;
        using Datasette.Gen.Runtime.Plugins;
        using Datasette.Gen.Runtime.Plugins.Hooks;
        using Microsoft.AspNetCore.Html;

        namespace App
        {
            using Datasette.Gen.Runtime;

            [DatasettePlugin("page-methods")]
            public sealed class PageMethods
            {
                [DatasetteHook]
                public PageAsset[] ExtraCssUrls(string? table) => new PageAsset[] { "/-/static/" + table + ".css" };

                [DatasetteHook]
                public async Task<List<PageAsset>> ExtraJsUrlsAsync(string? viewName)
                {
                    await Task.Yield();
                    return new List<PageAsset> { new PageAsset("/" + viewName + ".js", Module: true) };
                }

                [DatasetteHook]
                public static BodyScript? ExtraBodyScript(string template) => "console.log('" + template + "')";

                [DatasetteHook]
                public ValueTask<TemplateVariables> ExtraTemplateVars(IReadOnlyList<string>? columns) =>
                    new(new TemplateVariables { ["columns"] = columns?.Count ?? 0 });

                [DatasetteHook]
                public HtmlString TopHomepage() => new("<p>home</p>");

                [DatasetteHook]
                public Task<IHtmlContent?> TopDatabaseAsync(string database) => Task.FromResult<IHtmlContent?>(new HtmlString("<p>" + database + "</p>"));

                [DatasetteHook]
                public IHtmlContent TopTable(string table, string database) => new HtmlString("<p>" + database + "/" + table + "</p>");

                [DatasetteHook]
                public IHtmlContent TopRow(JsonObject row) => new HtmlString("<p>" + row["id"] + "</p>");

                [DatasetteHook]
                public IHtmlContent? TopQuery(string sql) => sql.Length == 0 ? null : new HtmlString("<p>" + sql + "</p>");

                [DatasetteHook]
                public IHtmlContent TopStoredQuery(string queryName) => new HtmlString("<p>" + queryName + "</p>");
            }

            [DatasettePlugin("page-interfaces")]
            public sealed class PageInterfaces : IExtraCssUrls, ITopTable
            {
                public ValueTask<IEnumerable<PageAsset>?> ExtraCssUrlsAsync(string template, string? database, string? table, IReadOnlyList<string>? columns, string? viewName, DatasetteRequest request, Datasette datasette) =>
                    new(new PageAsset[] { new("https://cdn.example/x.css", "sha384-x") });

                public ValueTask<IHtmlContent?> TopTableAsync(Datasette datasette, DatasetteRequest request, string database, string table) =>
                    new(new HtmlString("<b>interface</b>"));
            }
        }
        """;

    [Fact]
    public void Page_hooks_are_wired_from_methods_and_interfaces()
    {
        var run = PluginHarness.RunClean(Plugins);

        Golden.Verify(run.PluginsSource, "PagePlugins.g.cs.txt");
    }

    [Fact]
    public void The_generated_page_wiring_calls_the_plugins()
    {
        var run = GeneratorHarness.RunWithRuntime(Plugins);

        var (hooks, results) = PluginHarness.CallRegistry(run, (registry, _) => CallAsync(registry));

        Assert.Equal(
            new[] { "extra_body_script", "extra_css_urls", "extra_js_urls", "extra_template_vars", "top_database", "top_homepage", "top_query", "top_row", "top_stored_query", "top_table" },
            hooks["page-methods"]);
        Assert.Equal(new[] { "extra_css_urls", "top_table" }, hooks["page-interfaces"]);
        Assert.Equal(
            new[]
            {
                "css https://cdn.example/x.css sha384-x", "css /-/static/people.css", "js /table.js module", "script console.log('table.html')", "vars 2",
                "<p>home</p>", "<p>data</p>", "<b>interface</b>", "<p>data/people</p>", "<p>7</p>", "<p>select 1</p>", "no top_query", "<p>by_name</p>",
            },
            results);
    }

    private static async Task<(Dictionary<string, string[]>, List<string>)> CallAsync(PluginRegistry registry)
    {
        var results = new List<string>();
        string[] columns = ["id", "name"];
        foreach (var hook in registry.ExtraCssUrls)
        {
            results.AddRange((await hook.Invoke("table.html", "data", "people", columns, "table", null!, null!))!.Select(a => "css " + a.Url + (a.Sri is null ? "" : " " + a.Sri)));
        }
        var js = await registry.ExtraJsUrls.Single().Invoke("table.html", "data", "people", columns, "table", null!, null!);
        results.AddRange(js!.Select(a => "js " + a.Url + (a.Module ? " module" : "")));
        results.Add("script " + (await registry.ExtraBodyScript.Single().Invoke("table.html", "data", "people", columns, "table", null!, null!))!.Script);
        results.Add("vars " + (await registry.ExtraTemplateVars.Single().Invoke("table.html", "data", "people", columns, "table", null!, null!))!["columns"]);
        results.Add(Html(await registry.TopHomepage.Single().Invoke(null!, null!)));
        results.Add(Html(await registry.TopDatabase.Single().Invoke(null!, null!, "data")));
        foreach (var hook in registry.TopTable)
        {
            results.Add(Html(await hook.Invoke(null!, null!, "data", "people")));
        }
        results.Add(Html(await registry.TopRow.Single().Invoke(null!, null!, "data", "people", new JsonObject { ["id"] = 7 })));
        results.Add(Html(await registry.TopQuery.Single().Invoke(null!, null!, "data", "select 1")));
        results.Add(await registry.TopQuery.Single().Invoke(null!, null!, "data", "") is null ? "no top_query" : "top_query");
        results.Add(Html(await registry.TopStoredQuery.Single().Invoke(null!, null!, "data", "by_name")));
        return (registry.Plugins.ToDictionary(p => p.Name, p => p.Hooks.ToArray()), results);
    }

    private static string Html(IHtmlContent? content)
    {
        using var writer = new System.IO.StringWriter();
        content!.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }

    [Fact]
    public void A_top_slot_returning_a_plain_string_is_a_signature_error()
    {
        var diagnostic = SignatureError("public string TopTable(string table) => \"<p>\" + table + \"</p>\";");

        Assert.Contains("cannot implement hook 'top_table': it returns string. Expected TopTable(Datasette datasette, DatasetteRequest request, string database, string table) returning IHtmlContent? (or a Task/ValueTask of it)",
            diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_css_urls_returning_one_url_string_is_a_signature_error()
    {
        var diagnostic = SignatureError("public string ExtraCssUrls() => \"/site.css\";");

        Assert.Contains("cannot implement hook 'extra_css_urls': it returns string. Expected ExtraCssUrls(string template, string? database, string? table, IReadOnlyList<string>? columns, string? viewName, DatasetteRequest request, Datasette datasette) returning IEnumerable<PageAsset>? (or a Task/ValueTask of it)",
            diagnostic, StringComparison.Ordinal);
    }

    private static string SignatureError(string hookMethod) => PluginHarness.SingleDiagnostic(
        GeneratorHarness.RunWithRuntime(PluginHarness.InApp("[DatasettePlugin] public sealed class Plugin {\n[DatasetteHook] " + hookMethod + " }")), "DSG1008");
}
