using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Extras;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Runtime.Endpoints.Tables;

/// <summary>
/// Everything the table page's extras are computed from: <paramref name="Requested"/> is what
/// <c>_extra=</c> asked for (the <c>extras</c> block marks it selected), <paramref name="Resolved"/>
/// what the page writes; <paramref name="QueryContext"/> is what querying is given of the request, made once.
/// </summary>
internal sealed record TablePage(
    DatasetteRequest Request,
    Datasette Datasette,
    QueryContext QueryContext,
    Database Database,
    TableInfo Table,
    TableConfig? Config,
    TableQuery Query,
    ExtraSet Requested,
    ExtraSet Resolved,
    int RowCount)
{
    /// <summary>The request's arguments, settings, configuration, actor and address, for the querying code.</summary>
    public static QueryContext QueryContextOf(DatasetteRequest request, Datasette datasette) =>
        new(request.Args, datasette.Settings, datasette.Config, request.ActorPermissions, request.Origin, request.RawPath);
}
