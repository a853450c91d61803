using System.Collections.Generic;
using System.Text.RegularExpressions;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>The JSON write API's routes, with Datasette's patterns (routes spec §3).</summary>
internal static partial class WriteRoutes
{
    /// <summary>Database-level writes: matched before the row route, which <c>/{db}/-/create</c> would otherwise fit.</summary>
    public static IReadOnlyList<Route> BeforeReads { get; } = new Route[]
    {
        new("table-create", TableCreate(), TableCreateEndpoint.HandleAsync, AllowPost: true),
    };

    /// <summary>Table and row writes, after the read routes (their paths fit none of them).</summary>
    public static IReadOnlyList<Route> All { get; } = new Route[]
    {
        new("table-insert", TableInsert(), InsertRowsEndpoint.InsertAsync, AllowPost: true),
        new("table-upsert", TableUpsert(), InsertRowsEndpoint.UpsertAsync, AllowPost: true),
        new("table-alter", TableAlter(), TableAlterEndpoint.HandleAsync, AllowPost: true),
        new("table-set-column-type", TableSetColumnType(), SetColumnTypeEndpoint.HandleAsync, AllowPost: true),
        new("table-drop", TableDrop(), TableDropEndpoint.HandleAsync, AllowPost: true),
        new("row-delete", RowDelete(), RowDeleteEndpoint.HandleAsync, AllowPost: true),
        new("row-update", RowUpdate(), RowUpdateEndpoint.HandleAsync, AllowPost: true),
    };

    [GeneratedRegex(@"^/(?<database>[^/.]+)/-/create$")]
    private static partial Regex TableCreate();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)/-/insert$")]
    private static partial Regex TableInsert();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)/-/upsert$")]
    private static partial Regex TableUpsert();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)/-/alter$")]
    private static partial Regex TableAlter();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)/-/set-column-type$")]
    private static partial Regex TableSetColumnType();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/.]+)/-/drop$")]
    private static partial Regex TableDrop();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/]+?)/(?<pks>[^/]+?)/-/delete$")]
    private static partial Regex RowDelete();

    [GeneratedRegex(@"^/(?<database>[^/.]+)/(?<table>[^/]+?)/(?<pks>[^/]+?)/-/update$")]
    private static partial Regex RowUpdate();
}
