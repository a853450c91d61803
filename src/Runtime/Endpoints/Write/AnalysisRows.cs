using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>An analysed operation as the execute-write page and the stored-query forms list it.</summary>
internal static class AnalysisRows
{
    public static AnalysisRow For(SqlOperation op, bool? allowed) =>
        new(op.Operation, op.Table ?? op.Target, string.Join(", ", WriteSqlPermissions.Decide(op).Requirements.Select(q => q.Action)), op.Source, allowed);
}
