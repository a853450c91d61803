using System.Text.Json.Nodes;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Endpoints.Pages;

/// <summary>
/// Builds the shared layout of a page (html-ui.md §1) from the request: breadcrumbs by permission,
/// the actor, flash messages, extra assets, footer links from the most specific metadata.
/// </summary>
internal static class PageChromes
{
    public const string ScriptPath = "datasette-gen.js";

    /// <summary>
    /// A page's chrome; <paramref name="database"/> and <paramref name="table"/> place it (and its
    /// crumbs); <paramref name="plugins"/> says what the page hooks see beyond that (default: a
    /// view named after the template, no columns, no top_* slot); <paramref name="actions"/> is its action menu.
    /// </summary>
    public static PageChrome Build(
        DatasetteRequest request,
        Datasette datasette,
        string title,
        string bodyClass,
        IReadOnlyList<string> templates,
        string? database = null,
        string? table = null,
        bool alternateJson = true,
        string? pageDataJson = null,
        bool noIndex = false,
        PluginPageView? plugins = null,
        ActionMenu? actions = null)
    {
        var baseUrl = datasette.Settings.BaseUrl;
        var actor = request.Actor;
        var alternate = alternateJson ? HtmlPages.AlternateJsonUrl(request) : null;
        if (alternate is not null)
        {
            // routes.md §10: the HTML page names its JSON twin in a header as well as in <head>.
            request.Context.Response.Headers.Link = HeaderValues.Link(alternate, "rel=\"alternate\"; type=\"application/json+datasette\"");
        }
        var (considered, template) = datasette.Templates.Choose(templates);
        var assets = AssetUrls.For(baseUrl);
        var chrome = new PageChrome
        {
            Title = title,
            BodyClass = bodyClass,
            BaseUrl = baseUrl,
            AppCssUrl = assets.AppCss,
            ScriptUrl = assets.Script,
            Version = Datasette.CompatibleVersion,
            AlternateJsonUrl = alternate,
            ExtraCss = PageAssets.Merge(null, datasette.Config.ExtraCssUrls, baseUrl),
            ExtraJs = PageAssets.Merge(null, datasette.Config.ExtraJsUrls, baseUrl),
            Crumbs = Crumbs(request, datasette, database, table),
            ActorName = actor is null ? null : ActorDisplay.Name(actor),
            // Only a cookie can be cleared by logging out; a token or plugin actor cannot.
            CanLogOut = actor is not null && request.Cookie("ds_actor") is not null,
            Messages = FlashMessages(request),
            Links = SourceLinksFor(datasette, database, table),
            DatabaseColor = database is not null && datasette.Databases.TryGetValue(database, out var db) ? db.Color : null,
            TemplatesConsidered = considered,
            Database = database,
            Table = table,
            Overrides = datasette.Templates,
            Template = template,
            ShowContext = ShowContext(request, datasette),
            PageDataJson = pageDataJson,
            NoIndex = noIndex,
            PluginSource = datasette.Plugins.HasPageHooks ? new PluginPageSource(request, datasette, templates, database, table, plugins) : null,
            FetchPluginMenuLinks = PluginMenuLinks.For(request, datasette),
            Actions = actions,
        };
        if (chrome.NeedsPreparation)
        {
            PagePreparation.Add(request.Context, chrome.PrepareAsync);
        }
        return chrome;
    }

    /// <summary>The stylesheet's and script's content-hashed URLs, made once for the base URL (every page links both).</summary>
    private sealed record AssetUrls(string BaseUrl, string AppCss, string Script)
    {
        private static AssetUrls? s_last;

        public static AssetUrls For(string baseUrl)
        {
            if (Volatile.Read(ref s_last) is { } last && last.BaseUrl == baseUrl)
            {
                return last;
            }
            var made = new AssetUrls(baseUrl, StaticAssets.Url(baseUrl, "app.css"), StaticAssets.Url(baseUrl, ScriptPath));
            Volatile.Write(ref s_last, made);
            return made;
        }
    }

    private static IReadOnlyList<FlashMessage> FlashMessages(DatasetteRequest request)
    {
        var shown = request.ShowMessages();
        if (shown.Count == 0)
        {
            return [];
        }
        return shown.Select(m => new FlashMessage(m.Message, m.Type switch
        {
            MessageType.Warning => "warning",
            MessageType.Error => "error",
            _ => "info",
        })).ToList();
    }

    /// <summary><c>?_context=1</c> (any non-empty value) with <c>template_debug</c> on: the page answers with its template context.</summary>
    public static bool ShowContext(DatasetteRequest request, Datasette datasette) =>
        datasette.Settings.TemplateDebug && request.Args.Get("_context") is { Length: > 0 };

    /// <summary>The page-type classes of the body, each name through the CSS-class sanitiser.</summary>
    public static string BodyClass(string kind, string? database = null, string? table = null)
    {
        var classes = kind;
        if (database is not null)
        {
            classes += " db-" + CssClass.Sanitise(database);
        }
        if (table is not null)
        {
            classes += " table-" + CssClass.Sanitise(table);
        }
        return classes;
    }

    /// <summary>
    /// home / database / table down to the page's own place, each shown only when the actor may
    /// view that level; every page has them (home alone on instance pages), as every Datasette
    /// template inherits them from the base layout.
    /// </summary>
    private static List<Crumb> Crumbs(DatasetteRequest request, Datasette datasette, string? database, string? table)
    {
        var crumbs = new List<Crumb>();
        if (request.Allowed("view-instance"))
        {
            crumbs.Add(new Crumb("home", datasette.Urls.Instance()));
        }
        if (database is not null && request.Allowed("view-database", database))
        {
            crumbs.Add(new Crumb(database, datasette.Urls.Database(database)));
        }
        if (database is not null && table is not null && request.Allowed("view-table", database, table))
        {
            crumbs.Add(new Crumb(table, datasette.Urls.Table(database, table)));
        }
        return crumbs;
    }

    /// <summary>License, source and about of the table, else the database, else the instance.</summary>
    private static SourceLinks SourceLinksFor(Datasette datasette, string? database, string? table)
    {
        var store = datasette.Internal.Metadata;
        if (table is not null && database is not null && Links(store.ForResource(database, table)) is { IsEmpty: false } forTable)
        {
            return forTable;
        }
        if (database is not null && Links(store.ForDatabase(database)) is { IsEmpty: false } forDatabase)
        {
            return forDatabase;
        }
        return Links(store.Instance());
    }

    // The metadata store hands out the same list while its data is unchanged: the links made of it are kept with it.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<KeyValuePair<string, string>>, SourceLinks> LinksByPairs = new();

    private static SourceLinks Links(IReadOnlyList<KeyValuePair<string, string>> pairs) =>
        LinksByPairs.GetValue(pairs, MakeLinks);

    private static SourceLinks MakeLinks(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        string? Get(string key) => pairs.FirstOrDefault(p => p.Key == key).Value;
        return new SourceLinks(Get("license"), Get("license_url"), Get("source"), Get("source_url"), Get("about"), Get("about_url"));
    }

    /// <summary>Display name of an actor object, for pages that show one.</summary>
    public static string DisplayName(JsonObject actor) => ActorDisplay.Name(actor);
}
