using System.Text.Json.Nodes;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Runtime.Signing;
using Microsoft.Playwright;

namespace Datasette.Gen.BrowserTests.Infrastructure;

/// <summary>
/// A server over a writable database file of its own (in a temporary folder, deleted afterwards),
/// for the editing tests: the conformance fixtures the other browser tests read must never change.
/// Pages opened through it carry a signed <c>ds_actor</c> cookie for root.
/// </summary>
public sealed class EditingServerFixture : IAsyncLifetime
{
    private const string Secret = "browser-editing-secret";

    public const string Schema = """
        CREATE TABLE owners (id INTEGER PRIMARY KEY, name TEXT);
        INSERT INTO owners VALUES (1, 'Ada Lovelace'), (2, 'Grace Hopper');
        CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL, score REAL, owner_id INTEGER REFERENCES owners(id));
        INSERT INTO docs VALUES (1, 'First', 1.5, 1);
        CREATE TABLE bulk (id INTEGER PRIMARY KEY, name TEXT, n INTEGER);
        CREATE TABLE codes (code TEXT PRIMARY KEY, note TEXT);
        INSERT INTO codes VALUES ('taken', 'already here');
        CREATE TABLE alterme (id INTEGER PRIMARY KEY, title TEXT);
        INSERT INTO alterme VALUES (1, 'keep me');
        CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT, status TEXT, owner_id INTEGER);
        INSERT INTO tasks VALUES (1, 'first', 'open', 1);
        CREATE TABLE upserts (id INTEGER PRIMARY KEY, name TEXT, note TEXT);
        INSERT INTO upserts VALUES (1, 'one', 'first note'), (2, 'two', 'second note');
        CREATE TABLE renames (id INTEGER PRIMARY KEY, code TEXT, owner INTEGER);
        INSERT INTO renames VALUES (1, 'a', 1), (2, 'b', 2);
        CREATE TABLE newcols (id INTEGER PRIMARY KEY, title TEXT);
        INSERT INTO newcols VALUES (1, 'one');
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "datasette-gen-editing-" + Guid.NewGuid().ToString("N"));
    private DatasetteServer? _server;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var deployment = new Deployment(DatasetteConfig.Empty, EquatableArray<MetadataItem>.Empty, Array.Empty<EmbeddedDatabase>());
        _server = await DatasetteHost.StartAsync(deployment, new ServeOptions
        {
            Files = [Path.Combine(_folder, "editing.db")],
            Create = true,
            // root is only special with --root; the pages sign in with its cookie.
            Root = true,
            Secret = Secret,
            Host = "127.0.0.1",
            Port = 0,
        });
        await _server.Datasette.GetDatabase("editing").ExecuteWriteScriptAsync(Schema);
        BaseUrl = _server.Urls[0].TrimEnd('/');
    }

    /// <summary>A page signed in as root on this server, recording console errors.</summary>
    public async Task<BrowserPage> NewRootPageAsync(IBrowser browser, int width = 1280)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(15_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        var cookie = new Signer(Secret).Sign(new JsonObject { ["a"] = new JsonObject { ["id"] = "root" } }, "actor");
        await context.AddCookiesAsync([new Cookie { Name = "ds_actor", Value = cookie, Url = BaseUrl }]);
        var page = await context.NewPageAsync();
        // The server has no /favicon.ico yet (routes.md row 4); chromium's request for it is not the page's error.
        await page.RouteAsync(BaseUrl + "/favicon.ico", route => route.FulfillAsync(new RouteFulfillOptions { Status = 204 }));
        return new BrowserPage(context, page);
    }

    /// <summary>The JSON of a GET on this server (for checking what the dialogs wrote).</summary>
    public async Task<JsonNode> JsonAsync(string path)
    {
        using var client = new HttpClient();
        return JsonNode.Parse(await client.GetStringAsync(BaseUrl + path))!;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A WAL file still closing: the temporary folder is left for the system to clear.
        }
    }
}
