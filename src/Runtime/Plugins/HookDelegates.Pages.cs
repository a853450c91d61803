using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Http;
using Microsoft.AspNetCore.Html;

namespace Datasette.Gen.Runtime.Plugins;

// The page hooks. The four page extras get what Datasette's render_template passes: the template
// used, the page's database and table names, the columns it shows, the view's name (null for error
// pages), the request and the instance. The top_* slots return trusted markup (IHtmlContent): a
// plugin says "this is HTML" with an HtmlString, or builds one from escaped text with
// HtmlContentBuilder; a plain string is not accepted, so nothing is unescaped by accident.

public delegate ValueTask<IEnumerable<PageAsset>?> ExtraCssUrlsHook(string template, string? database, string? table, IReadOnlyList<string>? columns, string? viewName, DatasetteRequest request, Datasette datasette);

public delegate ValueTask<IEnumerable<PageAsset>?> ExtraJsUrlsHook(string template, string? database, string? table, IReadOnlyList<string>? columns, string? viewName, DatasetteRequest request, Datasette datasette);

public delegate ValueTask<BodyScript?> ExtraBodyScriptHook(string template, string? database, string? table, IReadOnlyList<string>? columns, string? viewName, DatasetteRequest request, Datasette datasette);

public delegate ValueTask<TemplateVariables?> ExtraTemplateVarsHook(string template, string? database, string? table, IReadOnlyList<string>? columns, string? viewName, DatasetteRequest request, Datasette datasette);

public delegate ValueTask<IHtmlContent?> TopHomepageHook(Datasette datasette, DatasetteRequest request);

public delegate ValueTask<IHtmlContent?> TopDatabaseHook(Datasette datasette, DatasetteRequest request, string database);

public delegate ValueTask<IHtmlContent?> TopTableHook(Datasette datasette, DatasetteRequest request, string database, string table);

public delegate ValueTask<IHtmlContent?> TopRowHook(Datasette datasette, DatasetteRequest request, string database, string table, JsonObject row);

public delegate ValueTask<IHtmlContent?> TopQueryHook(Datasette datasette, DatasetteRequest request, string database, string sql);

public delegate ValueTask<IHtmlContent?> TopStoredQueryHook(Datasette datasette, DatasetteRequest request, string database, string queryName);
