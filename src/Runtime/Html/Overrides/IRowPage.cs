namespace Datasette.Gen.Runtime.Html;

/// <summary>The model of <c>row-DB-TABLE.html</c> and <c>row.html</c>.</summary>
public interface IRowPage : IPage
{
    string Database { get; }

    string Table { get; }

    /// <summary>"table: pk1, pk2".</summary>
    string Heading { get; }

    /// <summary>The row, as a one-row table.</summary>
    IRowsTable Row { get; }

    /// <summary>"1 row from f1 in complex_foreign_keys", each linking to the filtered table.</summary>
    IReadOnlyList<ILink> IncomingLinks { get; }
}
