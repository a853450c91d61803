using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Events;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Plugins;
using DatasetteInstance = Datasette.Gen.Runtime.Datasette;

namespace Datasette.Gen.Tests.PluginApi;

/// <summary>The Server group's hooks, each changing what Datasette's documentation says it changes.</summary>
public sealed class ServerHookTests
{
    private static readonly JsonObject Root = PluginApiInstance.Actor("root");

    private const string Sql = """
        CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT);
        INSERT INTO docs VALUES (1, 'One');
        """;

    private static Task<DatasetteInstance> CreateAsync(PluginRegistry plugins, string? config = null) =>
        DatasetteInstance.CreateForTestsAsync(config, plugins, memoryDatabases: new Dictionary<string, string> { ["data"] = Sql },
            options: new DatasetteOptions { RootEnabled = true });

    private static PluginRegistry RouteThatThrows(PluginRegistry plugins) =>
        plugins.AddRegisterRoutes("boom", _ => new[] { new PluginRoute("^/-/boom$", (_, _) => throw new InvalidOperationException("kaboom")) });

    private static async Task<long> CountAsync(DatasetteInstance datasette) =>
        (await datasette.Client.GetAsync("/data/-/query.json?_shape=arrayfirst&sql=select+count(*)+from+docs", actor: Root)).Json()!.AsArray()[0]!.GetValue<long>();

    [Fact]
    public async Task Forbidden_returns_the_plugins_response_in_place_of_the_403()
    {
        const string config = "allow:\n  id: root\n";
        var messages = new List<string>();
        var plugins = new PluginRegistry()
            .AddForbidden("silent", (_, _, _) => ValueTask.FromResult<DatasetteResponse?>(null))
            .AddForbidden("login", (_, request, message) =>
            {
                messages.Add(request.Path + ": " + message);
                return ValueTask.FromResult<DatasetteResponse?>(DatasetteResponse.Redirect("/-/login?next=" + Uri.EscapeDataString(request.Path)));
            })
            .AddForbidden("late", (_, _, _) => ValueTask.FromResult<DatasetteResponse?>(DatasetteResponse.Text("never asked")));
        await using var datasette = await CreateAsync(plugins, config);
        await using var plain = await CreateAsync(new PluginRegistry(), config);

        var page = await datasette.Client.GetAsync("/data");
        var json = await datasette.Client.GetAsync("/data.json");
        var allowed = await datasette.Client.GetAsync("/data.json", actor: Root);

        Assert.Equal((302, "/-/login?next=%2Fdata"), (page.Status, page.Header("Location")));
        Assert.Equal((302, "/-/login?next=%2Fdata.json"), (json.Status, json.Header("Location")));
        Assert.Equal(200, allowed.Status);
        Assert.Equal(new[] { "/data: You do not have permission to view this database", "/data.json: You do not have permission to view this database" }, messages);
        Assert.Equal(403, (await plain.Client.GetAsync("/data.json")).Status);
    }

    [Fact]
    public async Task Handle_exception_replaces_the_500_and_sees_other_errors_too()
    {
        var seen = new List<string>();
        var plugins = RouteThatThrows(new PluginRegistry())
            .AddHandleException("sentry", (_, request, exception) =>
            {
                seen.Add(request.Path + " " + exception.GetType().Name);
                return ValueTask.FromResult(exception is InvalidOperationException
                    ? DatasetteResponse.Html("<h1>Sorry: " + exception.Message + "</h1>", 500)
                    : null);
            });
        await using var datasette = await CreateAsync(plugins);
        await using var plain = await CreateAsync(RouteThatThrows(new PluginRegistry()));

        var handled = await datasette.Client.GetAsync("/-/boom");
        var missing = await datasette.Client.GetAsync("/nope.json");
        var badSort = await datasette.Client.GetAsync("/data/docs.json?_sort=nonexistent", actor: Root);
        var unhandled = await plain.Client.GetAsync("/-/boom");

        Assert.Equal((500, "<h1>Sorry: kaboom</h1>"), (handled.Status, handled.Text));
        Assert.Equal(404, missing.Status);
        Assert.Equal(400, badSort.Status);
        Assert.Equal(500, unhandled.Status);
        Assert.Contains("kaboom", unhandled.Text, StringComparison.Ordinal);
        Assert.Equal("/-/boom InvalidOperationException", seen[0]);
        Assert.Equal("/nope.json DatabaseNotFoundException", seen[1]);
        Assert.Equal("/data/docs.json DatasetteHttpException", seen[2]);
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public async Task Handle_exception_that_throws_leaves_the_default_answer()
    {
        var plugins = RouteThatThrows(new PluginRegistry()).AddHandleException("broken", (_, _, _) => throw new FormatException("the handler broke"));
        await using var datasette = await CreateAsync(plugins);

        var response = await datasette.Client.GetAsync("/-/boom", headers: new[] { KeyValuePair.Create("Accept", "application/json") });
        var next = await datasette.Client.GetAsync("/data.json", actor: Root);

        Assert.Equal(500, response.Status);
        Assert.Contains("kaboom", response.Text, StringComparison.Ordinal);
        Assert.Equal(200, next.Status);
    }

    public static TheoryData<string, string, string> WriteFamilies => new()
    {
        { "insert", "/data/docs/-/insert", """{"row": {"id": 2, "title": "Two"}}""" },
        { "upsert", "/data/docs/-/upsert", """{"rows": [{"id": 1, "title": "Uno"}]}""" },
        { "update", "/data/docs/1/-/update", """{"update": {"title": "Eins"}}""" },
        { "delete", "/data/docs/1/-/delete", "{}" },
        { "alter", "/data/docs/-/alter", """{"operations": [{"op": "add_column", "args": {"name": "extra", "type": "text"}}]}""" },
        { "create", "/data/-/create", """{"table": "made", "columns": [{"name": "id", "type": "integer"}], "pk": "id"}""" },
        { "drop", "/data/docs/-/drop", """{"confirm": true}""" },
        { "execute-write", "/data/-/execute-write", """{"sql": "insert into docs (title) values ('sql')"}""" },
        { "stored write query", "/data/add_doc", """{"title": "Stored"}""" },
    };

    [Theory]
    [MemberData(nameof(WriteFamilies))]
    public async Task Write_wrapper_runs_around_every_write_endpoint(string family, string path, string body)
    {
        var seen = new List<string>();
        var plugins = new PluginRegistry().AddWriteWrapper("audit", (_, database, request, transaction) =>
            database != "data" ? null : new WriteWrapper[]
            {
                write =>
                {
                    var before = write.Connection.ExecuteScalarText("select count(*) from sqlite_master");
                    var result = write.Proceed();
                    seen.Add($"{request?.Path} {transaction} before={before} result={(result is null ? "null" : "value")}");
                },
            });
        const string config = "databases:\n  data:\n    queries:\n      add_doc:\n        sql: insert into docs (title) values (:title)\n        write: true\n";
        await using var datasette = await CreateAsync(plugins, config);

        var response = await datasette.Client.PostAsync(path, content: body, actor: Root,
            headers: new[] { KeyValuePair.Create("Content-Type", "application/json"), KeyValuePair.Create("Accept", "application/json") });

        Assert.True(response.Status is >= 200 and < 300, family + ": " + response.Status + " " + response.Text);
        var write = Assert.Single(seen);
        Assert.StartsWith(path + " True before=1 result=", write, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_wrapper_that_throws_rolls_the_write_back_and_the_queue_goes_on()
    {
        var failNext = true;
        var plugins = new PluginRegistry().AddWriteWrapper("veto", (_, database, _, _) => database != "data" ? null : new WriteWrapper[]
        {
            write =>
            {
                write.Proceed();
                if (failNext)
                {
                    failNext = false;
                    throw new InvalidOperationException("vetoed after the insert ran");
                }
            },
        });
        await using var datasette = await CreateAsync(plugins);

        var vetoed = await datasette.Client.PostAsync("/data/docs/-/insert", json: JsonNode.Parse("""{"row": {"id": 2, "title": "Two"}}"""), actor: Root);
        var countAfterVeto = await CountAsync(datasette);
        var accepted = await datasette.Client.PostAsync("/data/docs/-/insert", json: JsonNode.Parse("""{"row": {"id": 3, "title": "Three"}}"""), actor: Root);

        Assert.Equal(500, vetoed.Status);
        Assert.Contains("vetoed after the insert ran", vetoed.Text, StringComparison.Ordinal);
        Assert.Equal(1, countAfterVeto);
        Assert.Equal(201, accepted.Status);
        Assert.Equal(2, await CountAsync(datasette));
    }

    [Fact]
    public async Task Write_wrappers_nest_see_the_writes_exception_and_queue_events_for_after_the_commit()
    {
        var seen = new List<string>();
        var tracked = new List<string>();
        var plugins = new PluginRegistry()
            .AddRegisterEvents("events", _ => new[] { DatasetteEventType.Of<DocsWrittenEvent>() })
            .AddTrackEvent("events", (_, e) => { tracked.Add(e.Name + " " + e.Properties().ToJsonString()); return default; })
            .AddWriteWrapper("outer", (_, database, request, transaction) => database != "data" ? null : new WriteWrapper[]
            {
                write =>
                {
                    seen.Add("outer before " + database + " " + (request is null ? "no request" : "request") + " " + transaction);
                    try
                    {
                        seen.Add("outer got " + write.Proceed());
                        write.TrackEvent(new DocsWrittenEvent(database));
                    }
                    catch (Microsoft.Data.Sqlite.SqliteException ex)
                    {
                        seen.Add("outer saw " + ex.SqliteErrorCode);
                        write.TrackEvent(new DocsWrittenEvent("failed"));
                    }
                },
            })
            .AddWriteWrapper("inner", (_, database, _, _) => database != "data" ? null : new WriteWrapper[] { write => { seen.Add("inner before"); write.Proceed(); seen.Add("inner after"); } });
        await using var datasette = await CreateAsync(plugins);
        var database = datasette.GetDatabase("data");
        seen.Clear();

        var changed = await database.ExecuteWriteAsync("insert into docs (title) values ('direct')");
        var failure = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => database.ExecuteWriteAsync("insert into missing values (1)"));

        Assert.Equal(1, changed);
        Assert.Contains("no such table", failure.Message, StringComparison.Ordinal);
        Assert.Equal(new[]
        {
            "outer before data no request True", "inner before", "inner after", "outer got 1",
            "outer before data no request True", "inner before", "outer saw 1",
        }, seen);
        Assert.Equal(new[] { """docs-written {"database":"data"}""" }, tracked);
    }

    [Fact]
    public async Task Rename_table_event_follows_every_write_that_renames_a_table()
    {
        var renames = new List<string>();
        var plugins = new PluginRegistry().AddTrackEvent("recorder", (_, e) =>
        {
            if (e is RenameTableEvent)
            {
                renames.Add((e.Actor?["id"]?.GetValue<string>() ?? "no actor") + " " + e.Properties().ToJsonString());
            }
            return default;
        });
        await using var datasette = await CreateAsync(plugins);
        var database = datasette.GetDatabase("data");

        var altered = await datasette.Client.PostAsync("/data/docs/-/alter", json: JsonNode.Parse("""{"operations": [{"op": "rename_table", "args": {"to": "memos"}}]}"""), actor: Root);
        await database.ExecuteWriteAsync("alter table memos rename to notes");
        await database.ExecuteWriteAsync("insert into notes (title) values ('not a rename')");
        await database.ExecuteWriteScriptAsync("create table scratch (id integer primary key); drop table scratch;");

        Assert.Equal(200, altered.Status);
        Assert.Equal(new[]
        {
            """root {"database":"data","old_table":"docs","new_table":"memos"}""",
            """no actor {"database":"data","old_table":"memos","new_table":"notes"}""",
        }, renames);
    }

    [Fact]
    public async Task Asgi_wrapper_adds_a_header_to_every_response_in_datasettes_order()
    {
        var plugins = RouteThatThrows(new PluginRegistry())
            .AddAsgiWrapper("first", _ => new Func<Microsoft.AspNetCore.Http.RequestDelegate, Microsoft.AspNetCore.Http.RequestDelegate>[]
            {
                next => context =>
                {
                    context.Response.OnStarting(() =>
                    {
                        context.Response.Headers["x-wrapped"] = context.Response.Headers["x-wrapped"] + "first;";
                        return Task.CompletedTask;
                    });
                    return next(context);
                },
            })
            .AddAsgiWrapper("second", datasette => new Func<Microsoft.AspNetCore.Http.RequestDelegate, Microsoft.AspNetCore.Http.RequestDelegate>[]
            {
                next => async context =>
                {
                    context.Response.OnStarting(() =>
                    {
                        context.Response.Headers["x-databases"] = string.Join(", ", datasette.Databases.Names);
                        context.Response.Headers["x-wrapped"] = context.Response.Headers["x-wrapped"] + "second;";
                        return Task.CompletedTask;
                    });
                    await next(context);
                },
            });
        await using var datasette = await CreateAsync(plugins);

        var paths = new[] { "/", "/data.json", "/-/static/app.css", "/missing.json", "/-/boom", "/data/docs/-/insert" };
        var responses = new List<(int, string?, string?)>();
        foreach (var path in paths)
        {
            var response = path.EndsWith("insert", StringComparison.Ordinal)
                ? await datasette.Client.PostAsync(path, json: JsonNode.Parse("""{"row": {"id": 9}}"""))
                : await datasette.Client.GetAsync(path);
            responses.Add((response.Status, response.Header("x-databases"), response.Header("x-wrapped")));
        }

        Assert.Equal(new[] { 200, 200, 200, 404, 500, 403 }, responses.Select(r => r.Item1));
        // OnStarting callbacks run last-registered first: the outer (second) wrapper registered first, so it runs last.
        Assert.All(responses, r => Assert.Equal(("data", "first;second;"), (r.Item2, r.Item3)));
    }

    [Fact]
    public async Task Register_events_lets_track_event_carry_the_plugins_events_and_refuses_unregistered_ones()
    {
        var tracked = new List<string>();
        var plugins = new PluginRegistry()
            .AddRegisterEvents("bans", _ => new[] { DatasetteEventType.Of<BanUserEvent>() })
            .AddTrackEvent("recorder", (_, e) => { tracked.Add(e.Name); return default; });
        await using var datasette = await CreateAsync(plugins);
        await using var without = await CreateAsync(new PluginRegistry().AddTrackEvent("recorder", (_, e) => { tracked.Add("without " + e.Name); return default; }));

        await datasette.TrackEventAsync(new BanUserEvent(Root, new JsonObject { ["id"] = 1 }));
        await datasette.TrackEventAsync(new LoginEvent(Root));
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => without.TrackEventAsync(new BanUserEvent(Root, new JsonObject())));

        Assert.Equal(new[] { "ban-user", "login" }, tracked);
        Assert.Contains("Invalid event type: BanUserEvent", refused.Message, StringComparison.Ordinal);
        Assert.Contains(datasette.EventTypes, t => t.Type == typeof(BanUserEvent));
        Assert.DoesNotContain(without.EventTypes, t => t.Type == typeof(BanUserEvent));
        Assert.Equal(11, without.EventTypes.Count);
    }

    [Fact]
    public async Task Register_commands_adds_a_subcommand_the_command_line_runs_and_lists()
    {
        var received = new List<string>();
        var plugins = new PluginRegistry().AddRegisterCommands("verify", () => new[]
        {
            new PluginCommand("verify", "Verify that files can be opened.\nEach FILE is checked in turn.", async context =>
            {
                received.AddRange(context.Arguments);
                await context.Output.WriteLineAsync("checked " + context.Arguments.Count);
                return context.Arguments.Contains("bad.db") ? 1 : 0;
            }) { Arguments = "[FILES]..." },
        });
        var deployment = Infrastructure.TestServer.EmptyDeployment with { Plugins = plugins };

        var (status, output, _) = await RunAsync(deployment, "verify", "a.db", "--strict");
        var (failed, _, _) = await RunAsync(deployment, "verify", "bad.db");
        var (helpStatus, help, _) = await RunAsync(deployment, "verify", "--help");
        var (_, topLevel, _) = await RunAsync(deployment, "--help");

        Assert.Equal((0, "checked 2"), (status, output.Trim()));
        Assert.Equal(1, failed);
        Assert.Equal(new[] { "a.db", "--strict", "bad.db" }, received);
        Assert.Equal(0, helpStatus);
        Assert.StartsWith("Usage: datasette-gen verify [FILES]...\n\n  Verify that files can be opened.\n  Each FILE is checked in turn.", help, StringComparison.Ordinal);
        Assert.Contains("\n  verify ", topLevel, StringComparison.Ordinal);
        Assert.Contains("Verify that files can be opened.\n", topLevel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plugin_command_cannot_take_a_built_in_commands_name()
    {
        var plugins = new PluginRegistry().AddRegisterCommands("clash", () => new[] { new PluginCommand("inspect", "Mine", _ => Task.FromResult(0)) });

        var (status, _, error) = await RunAsync(Infrastructure.TestServer.EmptyDeployment with { Plugins = plugins }, "--help");

        Assert.Equal(1, status);
        Assert.Contains("Plugin clash registers the command 'inspect', which is already taken", error, StringComparison.Ordinal);
    }

    private static async Task<(int Status, string Output, string Error)> RunAsync(Runtime.Hosting.Deployment deployment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var status = await Runtime.Hosting.DatasetteHost.RunAsync(args, deployment, output, error);
        return (status, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString());
    }

    [Fact]
    public async Task CreateForTestsAsync_builds_a_started_instance_from_config_plugins_and_databases()
    {
        var started = 0;
        var file = Path.Combine(Path.GetTempPath(), "create-for-tests-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            using (var connection = Infrastructure.TestSqlite.Open(file))
            {
                Infrastructure.TestSqlite.Execute(connection, "create table notes (id integer primary key, body text); insert into notes values (1, 'hi');");
            }
            var plugins = new PluginRegistry().AddStartup("counter", _ => { started++; return default; });
            await using var datasette = await DatasetteInstance.CreateForTestsAsync(
                config: "title: Plugin tests\nsettings:\n  default_page_size: 7\n",
                plugins: plugins,
                files: new[] { file },
                memoryDatabases: new Dictionary<string, string> { ["mem"] = "create table t (x); insert into t values (42);" });

            var notes = await datasette.Client.GetAsync(Path.GetFileNameWithoutExtension(file) + "/notes.json?_shape=array");
            var mem = await datasette.Client.GetAsync("/mem/t.json?_shape=array");

            Assert.Equal(1, started);
            Assert.Equal(7L, datasette.Setting("default_page_size"));
            Assert.Equal("""[{"id":1,"body":"hi"}]""", notes.Text);
            Assert.Equal("""[{"rowid":1,"x":42}]""", mem.Text);
            Assert.Same(plugins, datasette.Plugins);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task CreateForTestsAsync_serves_memory_without_databases_and_refuses_a_bad_configuration()
    {
        await using var datasette = await DatasetteInstance.CreateForTestsAsync();
        var bad = await Assert.ThrowsAsync<ArgumentException>(() => DatasetteInstance.CreateForTestsAsync(config: "settings:\n  default_page_sise: 7\n"));

        Assert.Equal(new[] { "_memory" }, datasette.Databases.Names);
        Assert.Contains("default_page_sise", bad.Message, StringComparison.Ordinal);
    }
}

/// <summary>An event a write wrapper queues.</summary>
public sealed record DocsWrittenEvent(string Database) : DatasetteEvent((JsonObject?)null)
{
    public override string Name => "docs-written";

    public override JsonObject Properties() => new() { ["database"] = Database };
}

internal static class ConnectionText
{
    public static string? ExecuteScalarText(this Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
