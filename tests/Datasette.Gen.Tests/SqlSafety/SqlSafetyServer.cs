using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.SqlSafety;

/// <summary>
/// A server over a file with FTS3, FTS4 and FTS5 tables and stored queries that pass request
/// values into SQL; <paramref name="settings"/> are passed as with -s.
/// </summary>
public sealed class SqlSafetyServer : IAsyncDisposable
{
    private readonly TempDatabaseFile _file;
    private readonly TestServer _server;

    private SqlSafetyServer(TempDatabaseFile file, TestServer server)
    {
        _file = file;
        _server = server;
    }

    public TestServer Server => _server;

    public static async Task<SqlSafetyServer> StartAsync(params (string Key, string Value)[] settings)
    {
        var file = new TempDatabaseFile("""
            create virtual table docs3 using fts3(body);
            insert into docs3 (body) values ('hello world'), ('goodbye moon');
            create virtual table docs4 using fts4(body);
            insert into docs4 (body) values ('hello world'), ('goodbye moon');
            create virtual table docs5 using fts5(body);
            insert into docs5 (body) values ('hello world'), ('goodbye moon');
            create table items (id integer primary key, name text, body text);
            insert into items (name, body) values ('a', 'hello'), ('b', 'world'), ('c', 'hello');
            """, stem: "safety");
        var config = Path.Combine(file.Directory, "config.json");
        File.WriteAllText(config, """
            {"databases": {"safety": {
              "tables": {"items": {"fts_table": "docs4", "fts_pk": "rowid"}},
              "queries": {
                "tokenizer": {"sql": "select fts3_tokenizer(:name, cast(:pointer as blob)) as t"},
                "positional": {"sql": "select ? as v"},
                "by_name": {"sql": "select name from items where name = :name"}
              }
            }}}
            """);
        var options = new ServeOptions { Files = new() { file.Path }, ConfigFile = config, Settings = new List<KeyValuePair<string, string>>() };
        foreach (var (key, value) in settings)
        {
            options.Settings.Add(new(key, value));
        }
        return new SqlSafetyServer(file, await TestServer.StartAsync(options));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _file.Dispose();
    }
}
