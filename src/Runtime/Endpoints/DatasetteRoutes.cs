using System.Text.RegularExpressions;
using Datasette.Gen.Runtime.Endpoints.Auth;
using Datasette.Gen.Runtime.Endpoints.Databases;
using Datasette.Gen.Runtime.Endpoints.Instance;
using Datasette.Gen.Runtime.Endpoints.OpenApi;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Endpoints.Permissions;
using Datasette.Gen.Runtime.Endpoints.Queries;
using Datasette.Gen.Runtime.Endpoints.Rows;
using Datasette.Gen.Runtime.Endpoints.Schema;
using Datasette.Gen.Runtime.Endpoints.Tables;
using Datasette.Gen.Runtime.Endpoints.Write;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Endpoints;

/// <summary>A built-in page: what answers its route, given the request and the facade it serves.</summary>
internal delegate Task EndpointHandler(DatasetteRequest request, Datasette datasette);

/// <summary>The built-in routes in Datasette's match order (routes.md §3).</summary>
internal static partial class DatasetteRoutes
{
    /// <summary>
    /// The routes of one <see cref="Datasette"/>: each endpoint bound to it, so the HTTP layer only sees
    /// requests. Static mounts come first, as in Datasette, where they precede the database routes: a
    /// database named like a mount is not reachable under that prefix.
    /// </summary>
    public static Route[] Bind(Datasette datasette) =>
    [
        .. datasette.Options.StaticMounts.Select(StaticMountRoute),
        .. Array.ConvertAll(All, endpoint => new Route(endpoint.Name, endpoint.Pattern, request => endpoint.Handler(request, datasette), endpoint.AllowPost)),
    ];

    private static Route StaticMountRoute(StaticMount mount) =>
        new("static-mount", new Regex("^/" + Regex.Escape(mount.Mount) + "/(?<path>.*)$", RegexOptions.CultureInvariant), new StaticDirectory(mount).HandleAsync);

    private sealed record Endpoint(string Name, Regex Pattern, EndpointHandler Handler, bool AllowPost = false);

    private static readonly Endpoint[] All =
    {
        // The write API's /{db}/-/create comes first: the row route would otherwise take it.
        new("table-create", TableCreate(), TableCreateEndpoint.HandleAsync, AllowPost: true),
        new("execute-write", ExecuteWrite(), ExecuteWriteEndpoint.HandleAsync, AllowPost: true),
        new("execute-write-analyze", ExecuteWriteAnalyze(), ExecuteWriteEndpoint.AnalyzeAsync),
        new("query-store", QueryStore(), StoredQueryEndpoints.StoreAsync, AllowPost: true),
        new("query-store-analyze", QueryStoreAnalyze(), StoredQueryEndpoints.AnalyzeAsync),
        new("index", Index(), IndexView.HandleAsync),
        new("index-dash", IndexDash(), IndexView.HandleAsync),
        new("dash-redirect", Dash(), (request, datasette) => Responses.RedirectAsync(request.Context, datasette.Settings.BaseUrl + "-/", 301)),
        new("favicon", Favicon(), (request, _) => StaticAssets.FaviconAsync(request)),
        new("static", StaticAsset(), (request, _) => StaticAssets.HandleAsync(request)),
        new("memory-redirect", Memory(), (request, datasette) =>
            Responses.RedirectAsync(request.Context, datasette.Settings.BaseUrl + "_memory" + request.RouteMatch.Groups["rest"].Value + request.QueryString, 301)),
        new("versions", Versions(), InstanceViews.VersionsAsync),
        new("plugins", Plugins(), InstanceViews.PluginsAsync),
        new("settings", Settings(), InstanceViews.SettingsAsync),
        new("config", Config(), InstanceViews.ConfigAsync),
        new("databases", Databases(), InstanceViews.DatabasesAsync),
        new("actor", Actor(), InstanceViews.ActorAsync),
        new("actions", Actions(), PermissionViews.ActionsAsync),
        new("auth-token", AuthToken(), AuthViews.AuthTokenAsync),
        new("create-token", CreateToken(), AuthViews.CreateTokenAsync, AllowPost: true),
        new("threads", Threads(), ThreadsView.HandleAsync),
        new("jump", Jump(), JumpView.HandleAsync),
        new("queries", Queries(), QueryListView.InstanceAsync),
        new("schema", Schema(), SchemaViews.InstanceAsync),
        new("api", Api(), OpenApiView.PageAsync),
        new("openapi", OpenApi(), OpenApiView.DocumentAsync),
        new("logout", Logout(), AuthViews.LogoutAsync, AllowPost: true),
        new("permissions", PermissionsDebug(), PermissionViews.PermissionsAsync, AllowPost: true),
        new("allowed", Allowed(), PermissionViews.AllowedAsync),
        new("rules", Rules(), PermissionViews.RulesAsync),
        new("check", Check(), PermissionViews.CheckAsync),
        new("messages", MessagesDebug(), AuthViews.MessagesAsync, AllowPost: true),
        new("allow-debug", AllowDebug(), PermissionViews.AllowDebugAsync),
        new("autocomplete-debug", AutocompleteDebug(), AutocompleteDebugPage.HandleAsync),
        new("download", Download(), DownloadView.HandleAsync),
        new("database", DatabasePage(), Conditional(DatabaseView.HandleAsync, cacheControlled: false)),
        new("database-queries", DatabaseQueries(), QueryListView.DatabaseAsync),
        new("database-schema", DatabaseSchema(), SchemaViews.DatabaseAsync),
        new("query-parameters", QueryParameters(), QueryView.ParametersAsync),
        new("query", Query(), Conditional(QueryView.ArbitraryAsync, cacheControlled: false)),
        new("query-definition", QueryDefinition(), QueryView.DefinitionAsync),
        new("query-update", QueryUpdate(), StoredQueryEndpoints.UpdateAsync, AllowPost: true),
        new("query-delete", QueryDelete(), StoredQueryEndpoints.DeleteAsync, AllowPost: true),
        new("query-edit", QueryEdit(), StoredQueryPages.EditAsync, AllowPost: true),
        new("table", Table(), Conditional(TableView.HandleAsync, cacheControlled: true), AllowPost: true),
        new("row", Row(), Conditional(RowView.HandleAsync, cacheControlled: true)),
        new("table-schema", TableSchema(), SchemaViews.TableAsync),
        // The write API: table and row writes, whose paths fit none of the read routes.
        new("table-insert", TableInsert(), InsertRowsEndpoint.InsertAsync, AllowPost: true),
        new("table-upsert", TableUpsert(), InsertRowsEndpoint.UpsertAsync, AllowPost: true),
        new("table-alter", TableAlter(), TableAlterEndpoint.HandleAsync, AllowPost: true),
        new("table-set-column-type", TableSetColumnType(), SetColumnTypeEndpoint.HandleAsync, AllowPost: true),
        new("table-drop", TableDrop(), TableDropEndpoint.HandleAsync, AllowPost: true),
        new("table-autocomplete", TableAutocompleteRoute(), TableAutocomplete.HandleAsync),
        new("table-fragment", TableFragmentRoute(), TableFragment.HandleAsync),
        new("row-delete", RowDelete(), RowDeleteEndpoint.HandleAsync, AllowPost: true),
        new("row-update", RowUpdate(), RowUpdateEndpoint.HandleAsync, AllowPost: true),
    };

    /// <summary>A data page behind the conditional-request step (ETag, 304, the response cache).</summary>
    /// <param name="cacheControlled">The page sets Cache-Control from default_cache_ttl; a 304 repeats it.</param>
    private static EndpointHandler Conditional(EndpointHandler view, bool cacheControlled) =>
        (request, datasette) => datasette.Conditional.RunAsync(
            request,
            datasette.DatabaseByRoute(request.Route("database") ?? ""),
            datasette.Internal.Database,
            cacheControlled,
            () => view(request, datasette));

    [GeneratedRegex(@"^/(?:\.(?<format>json))?$")]
    private static partial Regex Index();

    [GeneratedRegex(@"^/-/(?:\.(?<format>json))?$")]
    private static partial Regex IndexDash();

    [GeneratedRegex(@"^/-$")]
    private static partial Regex Dash();

    // Datasette's pattern is unanchored at the end and its dot unescaped: /favicon.ico.png and /faviconXico answer too.
    [GeneratedRegex(@"^/favicon.ico")]
    private static partial Regex Favicon();

    [GeneratedRegex(@"^/-/static/(?<path>.+)$")]
    private static partial Regex StaticAsset();

    [GeneratedRegex(@"^/:memory:(?<rest>.*)$")]
    private static partial Regex Memory();

    [GeneratedRegex(@"^/-/versions(?:\.(?<format>json))?$")]
    private static partial Regex Versions();

    [GeneratedRegex(@"^/-/plugins(?:\.(?<format>json))?$")]
    private static partial Regex Plugins();

    [GeneratedRegex(@"^/-/settings(?:\.(?<format>json))?$")]
    private static partial Regex Settings();

    [GeneratedRegex(@"^/-/config(?:\.(?<format>json))?$")]
    private static partial Regex Config();

    [GeneratedRegex(@"^/-/databases(?:\.(?<format>json))?$")]
    private static partial Regex Databases();

    [GeneratedRegex(@"^/-/actor(?:\.(?<format>json))?$")]
    private static partial Regex Actor();

    [GeneratedRegex(@"^/-/threads(?:\.(?<format>json))?$")]
    private static partial Regex Threads();

    [GeneratedRegex(@"^/-/jump(?:\.(?<format>json))?$")]
    private static partial Regex Jump();

    [GeneratedRegex(@"^/-/actions(?:\.(?<format>json))?$")]
    private static partial Regex Actions();

    [GeneratedRegex(@"^/-/auth-token$")]
    private static partial Regex AuthToken();

    [GeneratedRegex(@"^/-/create-token$")]
    private static partial Regex CreateToken();

    [GeneratedRegex(@"^/-/logout$")]
    private static partial Regex Logout();

    [GeneratedRegex(@"^/-/permissions$")]
    private static partial Regex PermissionsDebug();

    [GeneratedRegex(@"^/-/allowed(?:\.(?<format>json))?$")]
    private static partial Regex Allowed();

    [GeneratedRegex(@"^/-/rules(?:\.(?<format>json))?$")]
    private static partial Regex Rules();

    [GeneratedRegex(@"^/-/check(?:\.(?<format>json))?$")]
    private static partial Regex Check();

    [GeneratedRegex(@"^/-/messages$")]
    private static partial Regex MessagesDebug();

    [GeneratedRegex(@"^/-/debug/autocomplete$")]
    private static partial Regex AutocompleteDebug();

    [GeneratedRegex(@"^/-/allow-debug$")]
    private static partial Regex AllowDebug();

    [GeneratedRegex(@"^/-/queries(?:\.(?<format>json))?$")]
    private static partial Regex Queries();

    [GeneratedRegex(@"^/-/schema(?<suffix>\.json|\.md)?$")]
    private static partial Regex Schema();

    [GeneratedRegex(@"^/-/api$")]
    private static partial Regex Api();

    [GeneratedRegex(@"^/-/openapi\.json$")]
    private static partial Regex OpenApi();

    [GeneratedRegex(@"^/(?<database>[^/.]+)\.db$")]
    private static partial Regex Download();

    [GeneratedRegex(@"^/(?<database>[^/.]+)(?:\.(?<format>[A-Za-z0-9_]+))?$")]
    private static partial Regex DatabasePage();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/-/queries(?:\.(?<format>json))?$")]
    private static partial Regex DatabaseQueries();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/-/schema(?<suffix>\.json|\.md)?$")]
    private static partial Regex DatabaseSchema();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/-/query/parameters$")]
    private static partial Regex QueryParameters();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/-/query(?:\.(?<format>[A-Za-z0-9_]+))?$")]
    private static partial Regex Query();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<query>[^/.]+)/-/definition$")]
    private static partial Regex QueryDefinition();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<query>[^/.]+)/-/update$")]
    private static partial Regex QueryUpdate();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<query>[^/.]+)/-/delete$")]
    private static partial Regex QueryDelete();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<query>[^/.]+)/-/edit$")]
    private static partial Regex QueryEdit();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/-/queries/store$")]
    private static partial Regex QueryStore();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/-/queries/analyze$")]
    private static partial Regex QueryStoreAnalyze();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)(?:\.(?<format>[A-Za-z0-9_]+))?$")]
    private static partial Regex Table();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/]+?)/(?<pks>[^/]+?)(?:\.(?<format>[A-Za-z0-9_]+))?$")]
    private static partial Regex Row();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)/-/schema(?<suffix>\.json|\.md)?$")]
    private static partial Regex TableSchema();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/-/create$")]
    private static partial Regex TableCreate();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/-/execute-write$")]
    private static partial Regex ExecuteWrite();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/-/execute-write/analyze$")]
    private static partial Regex ExecuteWriteAnalyze();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)/-/insert$")]
    private static partial Regex TableInsert();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)/-/upsert$")]
    private static partial Regex TableUpsert();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)/-/alter$")]
    private static partial Regex TableAlter();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)/-/set-column-type$")]
    private static partial Regex TableSetColumnType();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)/-/autocomplete$")]
    private static partial Regex TableAutocompleteRoute();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)/-/fragment$")]
    private static partial Regex TableFragmentRoute();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)/-/drop$")]
    private static partial Regex TableDrop();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/]+?)/(?<pks>[^/]+?)/-/delete$")]
    private static partial Regex RowDelete();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/]+?)/(?<pks>[^/]+?)/-/update$")]
    private static partial Regex RowUpdate();
}
