using System.Runtime.CompilerServices;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Runtime.Endpoints.Tables;

/// <summary>
/// What the table page needs of each shown column that no request changes: its class, declared type, key flag, whether
/// it sorts, the sort link's quoted name, the foreign key's table URL, the BLOB download suffix and the cells' tags; and
/// the filter form's column lists. Kept with the table's schema (<see cref="TableInfo"/> is read once per schema
/// version, so a schema change brings a new one and these go with the old) and its configuration, one column list per
/// table (a page with <c>_col</c>/<c>_nocol</c> replaces it).
/// </summary>
internal sealed class TableColumnPieces
{
    private static readonly ConditionalWeakTable<TableInfo, TableColumnPieces> ByTable = new();

    private readonly DatasetteUrls _urls;
    private readonly TableConfig? _config;

    private TableColumnPieces(Datasette datasette, Database database, TableInfo table, TableConfig? config, IReadOnlyList<string> columns)
    {
        _urls = datasette.Urls;
        _config = config;
        Columns = [.. columns];
        var count = Columns.Length;
        Classes = new string[count];
        Types = new string?[count];
        NotNull = new bool[count];
        IsPk = new bool[count];
        QuotedNames = new string[count];
        ForeignTableUrls = new string?[count];
        BlobSuffixes = new string[count];
        Sortable = new bool[count];
        var sortable = TableQuery.SortableColumns(table, config);
        var sortableShown = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var column = Columns[i];
            Classes[i] = "col-" + CssClass.Sanitise(column);
            var info = ColumnNamed(table, column);
            Types[i] = info is null ? null : info.Type.ToLowerInvariant();
            NotNull[i] = info?.NotNull ?? false;
            IsPk[i] = table.PrimaryKeys.Contains(column) || (column == "rowid" && table.IsRowidTable);
            QuotedNames[i] = QueryArgs.QuotePlus(column);
            BlobSuffixes[i] = ".blob?_blob_column=" + QuotedNames[i];
            Sortable[i] = sortable.Contains(column);
            if (Sortable[i])
            {
                sortableShown.Add(column);
            }
            // The first foreign key on a column wins.
            foreach (var key in table.Outgoing)
            {
                if (key.Column == column)
                {
                    ForeignTableUrls[i] = (string)datasette.Urls.Table(database, key.OtherTable);
                    break;
                }
            }
        }
        Tags = new CellTags.Cache(Classes, Columns);
        SortableShown = sortableShown;
        FilterColumns = FilterColumnsOf(Columns, table);
        ColumnsJson = JsonArray(Columns);
        AllColumnsJson = JsonArray(table.Columns.Select(c => c.Name));
        PrimaryKeysJson = JsonArray(table.PrimaryKeys);
        KeyPositions = table.KeyColumns.Select(k => Array.IndexOf(Columns, k)).ToArray();
    }

    public string[] Columns { get; }

    public string[] Classes { get; }

    /// <summary>The declared type in lower case (null for a column the table does not declare, e.g. rowid).</summary>
    public string?[] Types { get; }

    public bool[] NotNull { get; }

    public bool[] IsPk { get; }

    /// <summary>The column name as a sort argument's value.</summary>
    public string[] QuotedNames { get; }

    public string?[] ForeignTableUrls { get; }

    public string[] BlobSuffixes { get; }

    public CellTags.Cache Tags { get; }

    /// <summary>Whether each shown column may be sorted by (the table's sortable_columns, else all).</summary>
    public bool[] Sortable { get; }

    /// <summary>The shown columns that sort, in their order: the sort select's options.</summary>
    public IReadOnlyList<string> SortableShown { get; }

    /// <summary>The filter row's column options: the shown columns first, then the table's others.</summary>
    public IReadOnlyList<string> FilterColumns { get; }

    /// <summary>The page data's arrays (shown columns, all columns, primary keys) as JSON, written as its writer writes them.</summary>
    public byte[] ColumnsJson { get; }

    public byte[] AllColumnsJson { get; }

    public byte[] PrimaryKeysJson { get; }

    /// <summary>Where each of the table's key columns is among the shown ones (-1: not shown).</summary>
    public int[] KeyPositions { get; }

    /// <summary>The pieces for the table's <paramref name="columns"/>, made when the table's schema or the shown columns differ from the kept ones.</summary>
    public static TableColumnPieces For(Datasette datasette, Database database, TableInfo table, TableConfig? config, IReadOnlyList<string> columns)
    {
        if (ByTable.TryGetValue(table, out var kept) && kept.Fits(datasette, config, columns))
        {
            return kept;
        }
        var made = new TableColumnPieces(datasette, database, table, config, columns);
        ByTable.AddOrUpdate(table, made);
        return made;
    }

    private bool Fits(Datasette datasette, TableConfig? config, IReadOnlyList<string> columns)
    {
        if (!ReferenceEquals(_urls, datasette.Urls) || !ReferenceEquals(_config, config) || columns.Count != Columns.Length)
        {
            return false;
        }
        for (var i = 0; i < Columns.Length; i++)
        {
            if (!string.Equals(Columns[i], columns[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    private static byte[] JsonArray(IEnumerable<string> values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, JsonBody.WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }
            writer.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static List<string> FilterColumnsOf(string[] shown, TableInfo table)
    {
        var columns = new List<string>(shown.Length + table.Columns.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in shown)
        {
            if (seen.Add(name))
            {
                columns.Add(name);
            }
        }
        foreach (var column in table.Columns)
        {
            if (seen.Add(column.Name))
            {
                columns.Add(column.Name);
            }
        }
        return columns;
    }

    private static ColumnInfo? ColumnNamed(TableInfo table, string name)
    {
        foreach (var column in table.Columns)
        {
            if (column.Name == name)
            {
                return column;
            }
        }
        return null;
    }
}
