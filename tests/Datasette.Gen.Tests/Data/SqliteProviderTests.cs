using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Sql;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Data;

/// <summary>
/// Tests set the SQLitePCLRaw provider once and DatasetteHost sets it again for every server:
/// setting it a second time must leave connections, and their progress handlers, working.
/// </summary>
public sealed class SqliteProviderTests
{
    [Fact(Timeout = 30000)]
    public async Task Setting_the_provider_again_keeps_open_connections_and_time_limits_working()
    {
        TestSqlite.EnsureProvider();
        await using var database = new Database(DatabaseKind.PrivateMemory);
        long Run(string sql, int? limit) => QueryRunner.Run(database, sql, null, limit, r => r.Read() ? r.GetInt64(0) : -1);
        Assert.Equal(1, Run("select 1", 1000)); // opens and pools a connection with a progress handler

        SQLitePCL.raw.SetProvider(new SQLitePCL.SQLite3Provider_sqlite3());

        Assert.Equal(2, Run("select 2", 1000));
        await Task.Run(() => Assert.Throws<QueryInterruptedException>(() =>
            Run("with recursive c(x) as (select 1 union all select x + 1 from c where x < 100000000000) select count(*) from c", 30)));
    }
}
