using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Hosting;

public sealed class InspectTests
{
    [Fact]
    public void Inspect_writes_hash_size_file_and_table_counts()
    {
        using var file = new TempDatabaseFile("create table a (x); insert into a values (1), (2), (3); create table b (y);", "stats");
        var output = Path.Combine(file.Directory, "inspect.json");
        Assert.Equal(0, InspectCommand.Run(new[] { file.Path, "--inspect-file", output }));

        using var document = JsonDocument.Parse(File.ReadAllText(output));
        var entry = document.RootElement.GetProperty("stats");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file.Path))), entry.GetProperty("hash").GetString());
        Assert.Equal(new FileInfo(file.Path).Length, entry.GetProperty("size").GetInt64());
        Assert.Equal("stats.db", entry.GetProperty("file").GetString());
        Assert.Equal(3, entry.GetProperty("tables").GetProperty("a").GetProperty("count").GetInt64());
        Assert.Equal(0, entry.GetProperty("tables").GetProperty("b").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Serving_with_an_inspect_file_takes_hash_and_counts_from_it()
    {
        using var file = new TempDatabaseFile("create table a (x); insert into a values (1);", "stats");
        var inspect = Path.Combine(file.Directory, "inspect.json");
        // Values no computation would give, to prove they come from the file.
        await File.WriteAllTextAsync(inspect, """{"stats": {"hash": "feedface", "size": 1, "file": "stats.db", "tables": {"a": {"count": 12345}}}}""");
        await using var server = await TestServer.StartAsync(new ServeOptions { ImmutableFiles = new List<string> { file.Path }, InspectFile = inspect });

        var databases = await server.Client.GetJsonAsync("/-/databases.json");
        Assert.Equal("feedface", databases.Json.GetProperty("databases")[0].GetProperty("hash").GetString());
        var database = await server.Client.GetJsonAsync("/stats.json");
        var table = database.Json.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "a");
        Assert.Equal(12345, table.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task A_broken_inspect_file_is_a_clear_error()
    {
        using var file = new TempDatabaseFile("create table a (x);", "stats");
        var inspect = Path.Combine(file.Directory, "inspect.json");
        await File.WriteAllTextAsync(inspect, "{not json");
        var error = await Assert.ThrowsAsync<CommandLineException>(() => TestServer.StartAsync(new ServeOptions { ImmutableFiles = new List<string> { file.Path }, InspectFile = inspect }));
        Assert.StartsWith("Invalid value for '--inspect-file'", error.Message);
    }

    [Fact]
    public void Serve_accepts_inspect_file()
    {
        Assert.Equal("x.json", CommandLine.ParseServe(new[] { "a.db", "--inspect-file", "x.json" }).InspectFile);
    }
}
