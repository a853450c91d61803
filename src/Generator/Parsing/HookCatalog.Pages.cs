using Datasette.Gen.Generator.Model;

namespace Datasette.Gen.Generator.Parsing;

internal static partial class HookCatalog
{
    /// <summary>The hooks that add to every HTML page: extra CSS, JavaScript, body script and template variables, the top_* blocks.</summary>
    private static IEnumerable<HookDefinition> PageHooks()
    {
        var request = new HookParameter("request", "Datasette.Gen.Runtime.Http.DatasetteRequest", "DatasetteRequest");
        var database = new HookParameter("database", "System.String", "string");
        var table = new HookParameter("table", "System.String", "string");
        // What Datasette's render_template passes to the page extras, in its order.
        var page = new[]
        {
            new HookParameter("template", "System.String", "string"),
            new HookParameter("database", "System.String", "string?"),
            new HookParameter("table", "System.String", "string?"),
            new HookParameter("columns", "System.Collections.Generic.IReadOnlyList`1[System.String]", "IReadOnlyList<string>?"),
            new HookParameter("viewName", "System.String", "string?"),
            request,
            Datasette,
        };
        const string Html = "Microsoft.AspNetCore.Html.IHtmlContent";

        HookDefinition Extra(string name, string method, string metadata, string display) =>
            new(name, method, Hooks + "I" + method, method + "Async", ReturnShape.ValueTaskOfValue, "Add" + method, page, HookResult.AsyncValue, metadata, display);

        HookDefinition Top(string name, string method, params HookParameter[] extra) =>
            new(name, method, Hooks + "I" + method, method + "Async", ReturnShape.ValueTaskOfValue, "Add" + method,
                new[] { Datasette, request }.Concat(extra).ToArray(), HookResult.AsyncValue, Html, "IHtmlContent");

        const string Assets = "System.Collections.Generic.IEnumerable`1[Datasette.Gen.Runtime.Plugins.PageAsset]";
        return new[]
        {
            Extra("extra_css_urls", "ExtraCssUrls", Assets, "IEnumerable<PageAsset>"),
            Extra("extra_js_urls", "ExtraJsUrls", Assets, "IEnumerable<PageAsset>"),
            Extra("extra_body_script", "ExtraBodyScript", "Datasette.Gen.Runtime.Plugins.BodyScript", "BodyScript"),
            Extra("extra_template_vars", "ExtraTemplateVars", "Datasette.Gen.Runtime.Plugins.TemplateVariables", "TemplateVariables"),
            Top("top_homepage", "TopHomepage"),
            Top("top_database", "TopDatabase", database),
            Top("top_table", "TopTable", database, table),
            Top("top_row", "TopRow", database, table, new HookParameter("row", "System.Text.Json.Nodes.JsonObject", "JsonObject")),
            Top("top_query", "TopQuery", database, new HookParameter("sql", "System.String", "string")),
            Top("top_stored_query", "TopStoredQuery", database, new HookParameter("queryName", "System.String", "string")),
        };
    }
}
