using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.ColumnTypes;
using Datasette.Gen.Runtime.Events;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Permissions;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Runtime.Tokens;

namespace Datasette.Gen.Tests.PluginApi;

/// <summary>Each hook of a plugin registry called where Datasette calls it (what the generated wiring fills in).</summary>
public sealed class PluginHookTests
{
    private sealed class HeaderTokens : ITokenHandler
    {
        public string Name => "header";

        public Task<string> CreateTokenAsync(Runtime.Datasette datasette, string actorId, long? expiresAfter = null, TokenRestrictions? restrictions = null) =>
            Task.FromResult("hdr_" + actorId);

        public Task<JsonObject?> VerifyTokenAsync(Runtime.Datasette datasette, string token) =>
            Task.FromResult(token.StartsWith("hdr_", StringComparison.Ordinal) ? new JsonObject { ["id"] = token[4..], ["token"] = "hdr" } : null);
    }

    private sealed record ShoutType : ColumnType
    {
        public override string Name => "shout";

        public override string Description => "Shouting";
    }

    [Fact]
    public async Task Startup_runs_once_after_the_databases_are_catalogued()
    {
        var seen = new List<string>();
        var plugins = new PluginRegistry().AddStartup("p", datasette =>
        {
            seen.Add(string.Join(",", datasette.Databases.Names) + ":" + datasette.GetInternalDatabase().Read(c =>
            {
                using var command = c.Connection.CreateCommand();
                command.CommandText = "select count(*) from catalog_tables where database_name = 'data'";
                return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }));
            return default;
        });
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins, start: false);

        await instance.Datasette.InvokeStartupAsync();
        await instance.Datasette.InvokeStartupAsync();
        await instance.Datasette.Client.GetAsync("/.json");

        Assert.Equal(new[] { "data:3" }, seen);
    }

    [Fact]
    public async Task Prepare_connection_adds_functions_to_data_connections_but_not_the_internal_database()
    {
        var databases = new List<string>();
        var plugins = new PluginRegistry().AddPrepareConnection("p", (connection, database, _) =>
        {
            lock (databases)
            {
                databases.Add(database.Name);
            }
            connection.CreateFunction("twice", (long x) => x * 2);
        });
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);
        var datasette = instance.Datasette;

        var response = await datasette.Client.GetAsync("/data/-/query.json?sql=select+twice(21)+as+n&_shape=array");
        var written = await datasette.GetDatabase("data").WriteAsync(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = "select twice(4)";
            return (long)command.ExecuteScalar()!;
        });

        Assert.Equal("""[{"n":42}]""", response.Text);
        Assert.Equal(8, written);
        Assert.All(databases, name => Assert.Equal("data", name));
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => datasette.GetInternalDatabase().Read(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = "select twice(1)";
            return command.ExecuteScalar();
        }));
    }

    [Fact]
    public async Task Actor_from_request_hooks_are_asked_before_the_cookie_and_token()
    {
        var plugins = new PluginRegistry().AddActorFromRequest("p", (_, request) =>
            ValueTask.FromResult(request.Header("X-User") is { } user ? new JsonObject { ["id"] = user, ["via"] = "header" } : null));
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);
        var client = instance.Datasette.Client;

        var fromHeader = (await client.GetAsync("/-/actor.json", headers: new[] { KeyValuePair.Create("X-User", "dora") }, actor: PluginApiInstance.Actor("cookie"))).Json()!;
        var fromCookie = (await client.GetAsync("/-/actor.json", actor: PluginApiInstance.Actor("cookie"))).Json()!;

        Assert.Equal("""{"id":"dora","via":"header"}""", fromHeader["actor"]!.ToJsonString());
        Assert.Equal("cookie", fromCookie["actor"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Permission_resources_sql_rules_join_the_cascade_with_their_plugin_name()
    {
        var plugins = new PluginRegistry()
            .AddPermissionResourcesSql("secrets", (_, actor, action) => action == "view-table"
                ? new[] { new PermissionSql("SELECT 'data' AS parent, 'people' AS child, 0 AS allow, :why AS reason", new Dictionary<string, object?> { ["why"] = "people are private" }) }
                : null);
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);
        var datasette = instance.Datasette;

        Assert.False(await datasette.AllowedAsync("view-table", new TableResource("data", "people")));
        Assert.True(await datasette.AllowedAsync("view-table", new TableResource("data", "pairs")));
        Assert.Equal(403, (await datasette.Client.GetAsync("/data/people.json")).Status);
        var (sql, parameters) = datasette.Permissions.RulesSql(null, "view-table");
        var sources = datasette.Permissions.Query($"select source_plugin, reason from ({sql}) where allow = 0", parameters, reader =>
        {
            var found = new List<string>();
            while (reader.Read())
            {
                found.Add(reader.GetString(0) + ": " + reader.GetString(1));
            }
            return found;
        });
        Assert.Contains("secrets: people are private", sources);
    }

    [Fact]
    public async Task Plugin_routes_come_before_the_built_in_ones()
    {
        var plugins = new PluginRegistry().AddRegisterRoutes("p", _ => new[]
        {
            new PluginRoute("^/-/versions\\.json$", (_, _) => ValueTask.FromResult(DatasetteResponse.Text("replaced"))),
            new PluginRoute("^/-/rows/(?<database>[^/]+)/(?<table>[^/]+)/(?<pks>[^/]+)$", (request, datasette) =>
                ValueTask.FromResult(DatasetteResponse.Json(new JsonObject { ["name"] = datasette.ResolveRow(request).Row["name"]?.ToString() }))),
        });
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);
        var client = instance.Datasette.Client;

        Assert.Equal("replaced", (await client.GetAsync("/-/versions.json")).Text);
        Assert.Equal("""{"name":"Ada"}""", (await client.GetAsync("/-/rows/data/people/1")).Text);
        Assert.Equal(200, (await client.GetAsync("/-/settings.json")).Status);
    }

    [Fact]
    public async Task Register_column_types_and_register_token_handler_extend_the_registries()
    {
        var plugins = new PluginRegistry()
            .AddRegisterColumnTypes("p", _ => new[] { new ShoutType() })
            .AddRegisterTokenHandler("p", _ => new ITokenHandler[] { new HeaderTokens() });
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);
        var datasette = instance.Datasette;

        Assert.IsType<ShoutType>(datasette.ColumnTypes["shout"]);
        Assert.Equal(new[] { "signed", "header" }, datasette.TokenHandlers.Select(h => h.Name));
        Assert.StartsWith("dstok_", await datasette.CreateTokenAsync("alice"), StringComparison.Ordinal);
        Assert.Equal("hdr_alice", await datasette.CreateTokenAsync("alice", handler: "header"));
        Assert.Equal("alice", (await datasette.VerifyTokenAsync("hdr_alice"))!["id"]!.GetValue<string>());
        var actor = (await datasette.Client.GetAsync("/-/actor.json", headers: new[] { KeyValuePair.Create("Authorization", "Bearer hdr_zed") })).Json()!;
        Assert.Equal("zed", actor["actor"]!["id"]!.GetValue<string>());

        var duplicate = new PluginRegistry().AddRegisterColumnTypes("p", _ => new ColumnType[] { new UrlColumnType() });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PluginApiInstance.CreateAsync(plugins: duplicate));
        Assert.Equal("Duplicate column type name: url", error.Message);
    }

    [Fact]
    [Trait("seed", "internals:datasette-actors-from-ids")]
    public async Task Datasette_actors_from_ids_defaults_to_id_objects_or_asks_the_first_plugin_that_answers()
    {
        await using (var plain = await PluginApiInstance.CreateAsync())
        {
            var actors = await plain.Datasette.ActorsFromIdsAsync(new ActorId[] { "1", 2 });

            Assert.Equal("""{"id":"1"}""", actors["1"].ToJsonString());
            Assert.Equal("""{"id":2}""", actors[2].ToJsonString());
            Assert.False(actors.ContainsKey("2"));
        }

        var plugins = new PluginRegistry()
            .AddActorsFromIds("silent", (_, _) => ValueTask.FromResult<IReadOnlyDictionary<ActorId, JsonObject>?>(null))
            .AddActorsFromIds("users", (_, ids) => ValueTask.FromResult<IReadOnlyDictionary<ActorId, JsonObject>?>(
                ids.ToDictionary(id => id, id => new JsonObject { ["id"] = id.ToJson(), ["name"] = "User " + id })))
            .AddActorsFromIds("never", (_, _) => throw new InvalidOperationException("not asked"));
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);

        var found = await instance.Datasette.ActorsFromIdsAsync(new ActorId[] { "ada" });

        Assert.Equal("User ada", found["ada"]["name"]!.GetValue<string>());
    }

    [Fact]
    [Trait("seed", "internals:datasette-track-event")]
    public async Task Datasette_track_event_passes_events_to_every_track_event_hook_in_order()
    {
        var seen = new List<string>();
        var plugins = new PluginRegistry()
            .AddRegisterEvents("bans", _ => new[] { DatasetteEventType.Of<BanUserEvent>() })
            .AddTrackEvent("first", (_, e) => { seen.Add("first " + e.Name); return default; })
            .AddTrackEvent("second", async (_, e) => { await Task.Yield(); seen.Add("second " + e.Name + " " + e.Properties().ToJsonString()); });
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);
        var actor = PluginApiInstance.Actor("ada");

        await instance.Datasette.TrackEventAsync(new CreateTableEvent(actor, "data", "t", "CREATE TABLE t (id INTEGER)"));
        await instance.Datasette.TrackEventAsync(new BanUserEvent(actor, new JsonObject { ["id"] = 1, ["username"] = "cleverbot" }));

        Assert.Equal(new[]
        {
            "first create-table",
            """second create-table {"database":"data","table":"t","schema":"CREATE TABLE t (id INTEGER)"}""",
            "first ban-user",
            """second ban-user {"user":{"id":1,"username":"cleverbot"}}""",
        }, seen);
    }

    [Fact]
    public async Task Login_logout_and_create_token_views_track_their_events()
    {
        var seen = new List<DatasetteEvent>();
        var plugins = new PluginRegistry().AddTrackEvent("recorder", (_, e) => { seen.Add(e); return default; });
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins, options: new DatasetteOptions { RootEnabled = true });
        var client = instance.Datasette.Client;

        Assert.Equal(302, (await client.GetAsync("/-/auth-token?token=" + instance.Datasette.RootToken)).Status);
        var created = await client.PostAsync("/-/create-token", actor: PluginApiInstance.Actor("alice"), data: new[]
        {
            KeyValuePair.Create("expire_type", "hours"), KeyValuePair.Create("expire_duration", "2"),
            KeyValuePair.Create("all:view-instance", "on"), KeyValuePair.Create("database:data:view-query", "on"),
        });
        Assert.Equal(302, (await client.PostAsync("/-/logout", actor: PluginApiInstance.Actor("alice"))).Status);
        await instance.Datasette.CreateTokenAsync("bob");

        Assert.Equal(200, created.Status);
        Assert.Equal(new[] { "login", "create-token", "logout" }, seen.Select(e => e.Name));
        Assert.Equal("root", seen[0].Actor!["id"]!.GetValue<string>());
        Assert.Equal("""{"expires_after":7200,"restrict_all":["view-instance"],"restrict_database":{"data":["view-query"]},"restrict_resource":{}}""", seen[1].Properties().ToJsonString());
        Assert.Equal("alice", seen[2].Actor!["id"]!.GetValue<string>());
    }

    [Fact]
    public void Built_in_events_have_datasettes_names_and_properties()
    {
        var actor = PluginApiInstance.Actor("ada");
        var before = DateTimeOffset.UtcNow;
        var events = new DatasetteEvent[]
        {
            new LoginEvent(actor),
            new LogoutEvent(actor),
            new CreateTokenEvent(actor, 3600, new[] { "view-instance" }, new Dictionary<string, IReadOnlyList<string>> { ["db"] = new[] { "view-query" } },
                new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> { ["db"] = new Dictionary<string, IReadOnlyList<string>> { ["t"] = new[] { "insert-row" } } }),
            new CreateTableEvent(actor, "db", "t", "schema"),
            new DropTableEvent(actor, "db", "t"),
            new AlterTableEvent(actor, "db", "t", "before", "after"),
            new RenameTableEvent(actor, "db", "old", "new"),
            new InsertRowsEvent(actor, "db", "t", 3, Ignore: true, Replace: false),
            new UpsertRowsEvent(actor, "db", "t", 2),
            new UpdateRowEvent(actor, "db", "t", new[] { "1" }),
            new DeleteRowEvent(actor, "db", "t", new[] { "a", "b" }),
        };

        Assert.Equal(
            new[] { "login", "logout", "create-token", "create-table", "drop-table", "alter-table", "rename-table", "insert-rows", "upsert-rows", "update-row", "delete-row" },
            events.Select(e => e.Name));
        Assert.All(events, e => Assert.InRange(e.Created, before, DateTimeOffset.UtcNow));
        Assert.Equal("""{"expires_after":3600,"restrict_all":["view-instance"],"restrict_database":{"db":["view-query"]},"restrict_resource":{"db":{"t":["insert-row"]}}}""", events[2].Properties().ToJsonString());
        Assert.Equal("""{"database":"db","table":"t","num_rows":3,"ignore":true,"replace":false}""", events[7].Properties().ToJsonString());
        Assert.Equal("""{"database":"db","table":"t","pks":["a","b"]}""", events[10].Properties().ToJsonString());
        Assert.Equal("{}", events[0].Properties().ToJsonString());
    }

    [Fact]
    [Trait("seed", "internals:datasette-actions")]
    public async Task Datasette_actions_holds_the_built_in_and_the_deployments_plugin_actions()
    {
        var dashboards = new ActionDefinition("view-dashboard", "vdb", ResourceKind.Database, null, false, "View dashboards");
        await using var instance = await PluginApiInstance.CreateAsync(
            "databases:\n  data:\n    permissions:\n      view-dashboard:\n        id: ada\n",
            options: new DatasetteOptions { Actions = ActionDefinition.BuiltIn.Append(dashboards).ToList() });
        var datasette = instance.Datasette;

        Assert.Same(dashboards, datasette.Actions["view-dashboard"]);
        Assert.Equal("view-instance", datasette.Actions["view-instance"].Name);
        Assert.Equal(ActionDefinition.BuiltIn.Count + 1, datasette.Actions.Count);
        Assert.Same(dashboards, datasette.GetAction("vdb"));
        Assert.True(await datasette.AllowedAsync("view-dashboard", new DatabaseResource("data"), PluginApiInstance.Actor("ada")));
        Assert.False(await datasette.AllowedAsync("view-dashboard", new DatabaseResource("data")));
        Assert.Contains("view-dashboard", (await datasette.Client.GetAsync("/-/actions.json", skipPermissionChecks: true)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plugins_json_lists_the_plugins_in_datasettes_shape()
    {
        await using (var none = await PluginApiInstance.CreateAsync())
        {
            Assert.Equal("[]", (await none.Datasette.Client.GetAsync("/-/plugins.json")).Text);
        }
        var plugins = new PluginRegistry()
            .AddPlugin(new PluginInfo("zeta", "1.2.3", new[] { "startup", "register_routes" }))
            .AddPlugin(new PluginInfo("alpha", null, new[] { "track_event" }) { Static = true });
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);

        Assert.Equal(
            """[{"name":"alpha","static":true,"templates":false,"version":null,"hooks":["track_event"]},{"name":"zeta","static":false,"templates":false,"version":"1.2.3","hooks":["register_routes","startup"]}]""",
            (await instance.Datasette.Client.GetAsync("/-/plugins.json")).Text);
    }
}

/// <summary>A plugin's own event type, as in the seed's example.</summary>
public sealed record BanUserEvent(JsonObject? Actor, JsonObject User) : DatasetteEvent(Actor)
{
    public override string Name => "ban-user";

    public override JsonObject Properties() => new() { ["user"] = User.DeepClone() };
}
