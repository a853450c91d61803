using Datasette.Gen.Configuration.Diagnostics;
using Datasette.Gen.Configuration.Schema;
using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Configuration.Binding;

/// <summary>
/// The checks that need the database schema (DSG0030–DSG0035), run by the binder while it
/// still holds the YAML nodes, so each diagnostic points at the name that is wrong.
/// </summary>
internal sealed class SchemaChecks
{
    private static readonly string[] ColumnOptions = { "sort", "sort_desc", "label_column", "fts_pk" };

    private readonly SchemaSnapshot _snapshot;
    private readonly BindContext _context;

    public SchemaChecks(SchemaSnapshot snapshot, BindContext context)
    {
        _snapshot = snapshot;
        _context = context;
    }

    public DatabaseSnapshot? Database(ConfigEntry entry)
    {
        var database = _snapshot.Database(entry.Key);
        if (database is null)
        {
            _context.Report(DiagnosticCatalog.UnknownDatabase, entry.KeySpan, entry.Key, ConfigBinder.Suggest(entry.Key, _snapshot.Databases.Select(d => d.Name)));
        }
        return database;
    }

    public void Table(DatabaseSnapshot database, ConfigEntry entry, ConfigMapping mapping)
    {
        var table = database.Table(entry.Key);
        if (table is null)
        {
            _context.Report(DiagnosticCatalog.UnknownTable, entry.KeySpan, entry.Key, database.Name, ConfigBinder.Suggest(entry.Key, database.Tables.Select(t => t.Name)));
            return;
        }
        if (mapping["fts_table"] is ConfigScalar { Kind: ScalarKind.String } fts && database.Table(fts.Text) is not { IsFts: true })
        {
            _context.Report(DiagnosticCatalog.NotFtsTable, fts.Span, fts.Text, database.Name, ConfigBinder.Suggest(fts.Text, database.Tables.Where(t => t.IsFts).Select(t => t.Name)));
        }
        if (table.Columns.IsEmpty)
        {
            return; // a view SQLite cannot expand (it names a missing table) has no known columns
        }
        foreach (var option in ColumnOptions)
        {
            Column(table, option, mapping[option]);
        }
        if (mapping["sortable_columns"] is ConfigSequence sortable)
        {
            foreach (var item in sortable.Items)
            {
                Column(table, "sortable_columns", item);
            }
        }
        if (mapping["facets"] is ConfigSequence facets)
        {
            foreach (var facet in facets.Items)
            {
                Column(table, "facets", facet is ConfigMapping { Entries.Count: 1 } typed ? typed.Entries[0].Value : facet);
            }
        }
        if (mapping["column_types"] is ConfigMapping columnTypes)
        {
            foreach (var columnType in columnTypes.Entries)
            {
                Column(table, "column_types", ConfigScalar.String(columnType.Key, columnType.KeySpan));
            }
        }
    }

    /// <summary>Stored-query SQL: the snapshot knows whether SQLite prepared it, keyed by the SQL's hash.</summary>
    public void Query(DatabaseSnapshot database, string name, ConfigScalar sql)
    {
        var check = database.Query(SchemaSnapshot.HashSql(sql.Text));
        if (check is null)
        {
            _context.Report(DiagnosticCatalog.StaleSchemaSnapshot, sql.Span, name);
        }
        else if (!check.Ok)
        {
            _context.Report(DiagnosticCatalog.InvalidQuerySql, sql.Span, name, check.Error);
        }
    }

    private void Column(TableSnapshot table, string option, ConfigNode? node)
    {
        if (node is not ConfigScalar { Kind: ScalarKind.String } column || table.HasColumn(column.Text))
        {
            return;
        }
        if (column.Text == "rowid" && !table.IsView)
        {
            return;
        }
        _context.Report(DiagnosticCatalog.UnknownColumn, column.Span, column.Text, option, table.Name, ConfigBinder.Suggest(column.Text, Names(table)));
    }

    private static IEnumerable<string> Names(TableSnapshot table) => table.Columns.Select(c => c.Name);
}
