using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Endpoints.Tables;
using Datasette.Gen.Runtime.Extras;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Runtime.Endpoints.Rows;

/// <summary>Everything the row page's extras are computed from.</summary>
internal sealed record RowExtraContext(
    DatasetteRequest Request,
    Datasette Datasette,
    Database Database,
    TableInfo Table,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> PrimaryKeys,
    string[] PrimaryKeyValues,
    string Sql,
    IReadOnlyDictionary<string, object?> Parameters,
    string RawPks,
    ExtraSet Requested,
    RenderedCells? RenderedCells);

/// <summary>The row page's blocks in the order Datasette writes them, before and after its <c>rows</c>.</summary>
internal static class RowExtras
{
    public static readonly ExtraWriter<RowExtraContext>[] BeforeRows =
    {
        new(Extra.Database, static (w, c) => w.WriteString("database", c.Database.Name)),
        new(Extra.Table, static (w, c) => w.WriteString("table", c.Table.Name)),
    };

    public static readonly ExtraWriter<RowExtraContext>[] AfterRows =
    {
        new(Extra.Columns, static (w, c) => w.WriteStringArray("columns", c.Columns)),
        new(Extra.PrimaryKeys, static (w, c) => w.WriteStringArray("primary_keys", c.PrimaryKeys)),
        new(Extra.PrimaryKeyValues, static (w, c) => w.WriteStringArray("primary_key_values", c.PrimaryKeyValues)),
        new(Extra.ColumnDetails, static (w, c) => ColumnDetails.Write(w, c.Table)),
        new(Extra.ForeignKeyTables, static (w, c) => RowView.WriteForeignKeyTables(w, c.Request, c.Datasette, c.Database, c.Table, c.PrimaryKeyValues)),
        new(Extra.DatabaseColor, static (w, c) => w.WriteString("database_color", c.Database.Color)),
        new(Extra.Private, static (w, _) => w.WriteBoolean("private", false)),
        new(Extra.Request, static (w, c) => RequestExtra.Write(w, c.Request)),
        new(Extra.Query, static (w, c) => TableExtras.WriteQuery(w, c.Sql, c.Parameters)),
        new(Extra.RenderCell, static (w, c) => RenderedCells.WriteExtra(w, c.RenderedCells, c.Columns, rowCount: 1)),
        new(Extra.Debug, static (w, c) =>
        {
            w.WriteStartObject("debug");
            w.WriteString("database", c.Database.Name);
            w.WriteString("table", c.Table.Name);
            w.WriteString("pks", c.RawPks);
            w.WriteEndObject();
        }),
        new(Extra.ColumnTypes, static (w, c) => TableExtras.WriteColumnTypes(w, c.Datasette, c.Database.Name, c.Table.Name)),
        new(Extra.Metadata, static (w, c) => TableExtras.WriteMetadata(w, c.Datasette, c.Database.Name, c.Table.Name)),
        new(Extra.Extras, static (w, c) => ExtraRegistry.WriteCatalogue(w, c.Request, ExtraScopes.Row, c.Requested)),
    };
}
