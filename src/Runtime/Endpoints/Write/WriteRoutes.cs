using System.Collections.Generic;
using System.Text.RegularExpressions;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>The JSON write API's routes, with Datasette's patterns (routes spec §3), after the read routes.</summary>
internal static partial class WriteRoutes
{
    public static IReadOnlyList<Route> All { get; } = new Route[]
    {
        new("table-insert", TableInsert(), InsertRowsEndpoint.InsertAsync, AllowPost: true),
        new("table-upsert", TableUpsert(), InsertRowsEndpoint.UpsertAsync, AllowPost: true),
        new("table-set-column-type", TableSetColumnType(), SetColumnTypeEndpoint.HandleAsync, AllowPost: true),
        new("table-drop", TableDrop(), TableDropEndpoint.HandleAsync, AllowPost: true),
        new("row-delete", RowDelete(), RowDeleteEndpoint.HandleAsync, AllowPost: true),
        new("row-update", RowUpdate(), RowUpdateEndpoint.HandleAsync, AllowPost: true),
    };

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)/-/insert$")]
    private static partial Regex TableInsert();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)/-/upsert$")]
    private static partial Regex TableUpsert();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)/-/set-column-type$")]
    private static partial Regex TableSetColumnType();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)/-/drop$")]
    private static partial Regex TableDrop();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/]+?)/(?<pks>[^/]+?)/-/delete$")]
    private static partial Regex RowDelete();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/]+?)/(?<pks>[^/]+?)/-/update$")]
    private static partial Regex RowUpdate();
}
