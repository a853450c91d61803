using System.Collections.Generic;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Tables;

/// <summary>Everything the table page's extras are computed from.</summary>
public sealed record TablePage(
    DatasetteRequest Request,
    Datasette Datasette,
    Database Database,
    TableInfo Table,
    TableConfig? Config,
    TableQuery Query,
    HashSet<string> Extras,
    int RowCount);
