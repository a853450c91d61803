using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Extras;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Runtime.Endpoints.Tables;

/// <summary>
/// Everything the table page's extras are computed from: <paramref name="Requested"/> is what
/// <c>_extra=</c> asked for (the <c>extras</c> block marks it selected), <paramref name="Resolved"/>
/// what the page writes.
/// </summary>
internal sealed record TablePage(
    DatasetteRequest Request,
    Datasette Datasette,
    Database Database,
    TableInfo Table,
    TableConfig? Config,
    TableQuery Query,
    ExtraSet Requested,
    ExtraSet Resolved,
    int RowCount);
