using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// What storing some SQL would need, as the save and edit forms show it and
/// <c>/{db}/-/queries/analyze</c> answers it: the parameters, each operation with whether the
/// actor may do it, and whether Save is possible. Errors of the SQL are part of the answer.
/// </summary>
internal sealed record StoredQueryAnalysis(
    bool HasSql,
    IReadOnlyList<string> Parameters,
    string? Error,
    IReadOnlyList<(SqlOperation Op, bool? Allowed)> Rows,
    bool IsWrite)
{
    /// <summary>Save needs SQL that compiles and every operation allowed.</summary>
    public bool SaveDisabled => !HasSql || Error is not null || Rows.Any(r => r.Allowed == false);

    public static StoredQueryAnalysis For(DatasetteRequest request, Database database, string sql)
    {
        if (sql.Trim().Length == 0)
        {
            return new StoredQueryAnalysis(false, [], null, [], false);
        }
        try
        {
            var names = StoredQueryInput.DerivedParameters(sql);
            var analysis = database.Read(connector => WriteSqlAnalyzer.Analyze(connector, sql, database.Name));
            var isWrite = WriteSqlPermissions.IsWrite(analysis);
            var rows = analysis.Where(op => !WriteSqlPermissions.Decide(op).Ignore)
                .Select(op => (op, WriteSqlPermissions.AllowedFor(request, op, isWrite))).ToList();
            return new StoredQueryAnalysis(true, names, null, rows, isWrite);
        }
        catch (Exception ex) when (ex is SqlErrorException or WriteApiException { Status: 400 })
        {
            // SQLite's message alone, without the "Could not analyze query" of a store request.
            return new StoredQueryAnalysis(true, [], ex.Message, [], false);
        }
    }
}
