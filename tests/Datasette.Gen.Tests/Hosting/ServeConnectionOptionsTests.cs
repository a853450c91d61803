using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Hosting;

/// <summary>cli-and-config.md §2.1: --crossdb, --nolock and --load-extension, seen through serve --get.</summary>
public sealed class ServeConnectionOptionsTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await DatasetteHost.RunAsync(args, TestServer.EmptyDeployment, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Query(string database, string sql) => $"/{database}/-/query.json?_shape=array&sql={Uri.EscapeDataString(sql)}";

    [Fact]
    public async Task Crossdb_attaches_the_file_databases_to_memory_by_name()
    {
        using var alpha = new TempDatabaseFile("create table t (id, v); insert into t values (1, 'from alpha')", "alpha");
        using var beta = new TempDatabaseFile("create table u (id, w); insert into u values (1, 'from beta')", "beta");
        var (exit, output, error) = await RunAsync(alpha.Path, "-i", beta.Path, "--crossdb",
            "--get", Query("_memory", "select t.v, u.w from alpha.t join beta.u using (id)"));
        Assert.True(exit == 0, output + error);
        var row = JsonNode.Parse(output)![0]!;
        Assert.Equal("from alpha", (string?)row["v"]);
        Assert.Equal("from beta", (string?)row["w"]);
    }

    [Fact]
    public async Task Without_crossdb_memory_sees_no_other_database()
    {
        using var alpha = new TempDatabaseFile("create table t (id, v)", "alpha");
        var (exit, output, _) = await RunAsync(alpha.Path, "--memory", "--get", Query("_memory", "select * from alpha.t"));
        Assert.Equal(1, exit);
        Assert.Contains("no such table: alpha.t", (string?)JsonNode.Parse(output)!["error"]);
    }

    [Fact]
    public async Task Crossdb_attachments_are_read_only_and_request_sql_still_cannot_attach()
    {
        using var alpha = new TempDatabaseFile("create table t (id, v)", "alpha");
        var (_, output, _) = await RunAsync(alpha.Path, "--crossdb", "--get", Query("_memory", "attach database 'x.db' as x"));
        Assert.Equal(400, (int?)JsonNode.Parse(output)!["status"]);
    }

    [Fact]
    public async Task Nolock_reads_a_file_another_process_holds_an_exclusive_lock_on()
    {
        using var file = new TempDatabaseFile("create table t (v); insert into t values ('still readable')");
        using var holder = file.Open();
        TestSqlite.Execute(holder, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; insert into t values ('uncommitted');");
        var (exit, output, error) = await RunAsync(file.Path, "--nolock", "--get", "/test/t.json?_shape=array");
        Assert.True(exit == 0, output + error);
        Assert.Equal("still readable", (string?)JsonNode.Parse(output)![0]!["v"]);
    }

    [Fact]
    public async Task A_missing_extension_stops_start_up_with_the_reason()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-extension-{Guid.NewGuid():N}.so");
        var (exit, _, error) = await RunAsync("--load-extension", missing, "--get", "/-/versions.json");
        Assert.Equal(1, exit);
        Assert.StartsWith($"Error: Could not load SQLite extension '{missing}': ", error);
    }

    [Fact]
    public async Task Spatialite_is_searched_for_where_Datasette_looks()
    {
        if (File.Exists("/usr/lib/x86_64-linux-gnu/mod_spatialite.so") || File.Exists("/usr/local/lib/mod_spatialite.so"))
        {
            return; // installed here: the not-found message cannot be provoked
        }
        var (exit, _, error) = await RunAsync("--load-extension", "spatialite", "--get", "/-/versions.json");
        Assert.Equal(1, exit);
        Assert.Equal("Error: Could not find SpatiaLite extension", error.Trim());
    }

    [FactWhenCompilerPresent]
    public async Task An_extension_is_loaded_into_data_connections_with_its_entry_point()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"dsg-extension-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            var source = Path.Combine(directory, "greeting.c");
            var library = Path.Combine(directory, "greeting.so");
            await File.WriteAllTextAsync(source, """
                #include <sqlite3ext.h>
                SQLITE_EXTENSION_INIT1
                static void greeting(sqlite3_context *context, int argc, sqlite3_value **argv) {
                    sqlite3_result_text(context, "hello from an extension", -1, SQLITE_STATIC);
                }
                int custom_entry(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
                    SQLITE_EXTENSION_INIT2(api);
                    return sqlite3_create_function(db, "greeting", 0, SQLITE_UTF8, 0, greeting, 0, 0);
                }
                """);
            using (var gcc = Process.Start("gcc", ["-shared", "-fPIC", "-o", library, source])!)
            {
                await gcc.WaitForExitAsync();
                Assert.Equal(0, gcc.ExitCode);
            }
            var (exit, output, error) = await RunAsync("--load-extension", $"{library}:custom_entry", "--get", Query("_memory", "select greeting() as g"));
            Assert.True(exit == 0, output + error);
            Assert.Equal("hello from an extension", (string?)JsonNode.Parse(output)![0]!["g"]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The extension test compiles C: skipped (and shown as skipped) where gcc or SQLite's headers are missing.</summary>
    private sealed class FactWhenCompilerPresentAttribute : FactAttribute
    {
        public FactWhenCompilerPresentAttribute()
        {
            var hasGcc = Environment.GetEnvironmentVariable("PATH")?.Split(':').Any(d => File.Exists(Path.Combine(d, "gcc"))) ?? false;
            if (!hasGcc || !File.Exists("/usr/include/sqlite3ext.h"))
            {
                Skip = "needs gcc and sqlite3ext.h to build a test extension";
            }
        }
    }
}
