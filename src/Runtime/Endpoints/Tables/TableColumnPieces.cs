using System.Runtime.CompilerServices;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Endpoints.Tables;

/// <summary>
/// What the rows table needs of each shown column that no request changes: its class, declared type, key flag, the
/// sort link's quoted name, the foreign key's table URL, the BLOB download suffix and the cells' tags. Kept with the
/// table's schema (<see cref="TableInfo"/> is read once per schema version, so a schema change brings a new one and
/// these go with the old), one column list per table (a page with <c>_col</c>/<c>_nocol</c> replaces it).
/// </summary>
internal sealed class TableColumnPieces
{
    private static readonly ConditionalWeakTable<TableInfo, TableColumnPieces> ByTable = new();

    private readonly DatasetteUrls _urls;

    private TableColumnPieces(Datasette datasette, Database database, TableInfo table, IReadOnlyList<string> columns)
    {
        _urls = datasette.Urls;
        Columns = [.. columns];
        var count = Columns.Length;
        Classes = new string[count];
        Types = new string?[count];
        NotNull = new bool[count];
        IsPk = new bool[count];
        QuotedNames = new string[count];
        ForeignTableUrls = new string?[count];
        BlobSuffixes = new string[count];
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

    /// <summary>The pieces for the table's <paramref name="columns"/>, made when the table's schema or the shown columns differ from the kept ones.</summary>
    public static TableColumnPieces For(Datasette datasette, Database database, TableInfo table, IReadOnlyList<string> columns)
    {
        if (ByTable.TryGetValue(table, out var kept) && kept.Fits(datasette, columns))
        {
            return kept;
        }
        var made = new TableColumnPieces(datasette, database, table, columns);
        ByTable.AddOrUpdate(table, made);
        return made;
    }

    private bool Fits(Datasette datasette, IReadOnlyList<string> columns)
    {
        if (!ReferenceEquals(_urls, datasette.Urls) || columns.Count != Columns.Length)
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
