using System.Globalization;
using Datasette.Gen.Configuration.Diagnostics;
using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Configuration.Schema;

/// <summary>The result of reading a snapshot file: the snapshot (null when unreadable) and what went wrong.</summary>
public sealed record SchemaSnapshotDocument(SchemaSnapshot? Snapshot, EquatableArray<ConfigDiagnostic> Diagnostics);

/// <summary>
/// datasette.schema.json ⇄ <see cref="SchemaSnapshot"/>. Written with <see cref="JsonText"/>;
/// read with the configuration reader (JSON is YAML), so a bad file gets a line and column.
/// </summary>
public static class SchemaSnapshotJson
{
    public static string Write(SchemaSnapshot snapshot) => JsonText.Write(Map(
        ("format", Integer(SchemaSnapshot.FormatVersion)),
        ("generated_by", Text("datasette-gen schema-snapshot")),
        ("databases", Map(snapshot.Databases.Select(d => (d.Name, (ConfigNode)Database(d))).ToArray()))));

    public static SchemaSnapshotDocument Read(string path, string text) => Read(ConfigReader.Read(path, text));

    public static SchemaSnapshotDocument Read(ConfigDocument document)
    {
        if (document.Diagnostics.Any(d => d.IsError) || document.Root is null)
        {
            var span = document.Diagnostics.FirstOrDefault()?.Span ?? SourceSpan.None(document.Path);
            var reason = document.Diagnostics.FirstOrDefault()?.Message ?? "the file is empty";
            return Failed(span, reason);
        }
        try
        {
            var root = Expect<ConfigMapping>(document.Root, "the root", "an object");
            var format = Expect<ConfigScalar>(Required(root, "format"), "format", "a number");
            if (format.Kind != ScalarKind.Integer || format.IntegerValue != SchemaSnapshot.FormatVersion)
            {
                throw new SnapshotError(format.Span, $"format {format.Text} is not {SchemaSnapshot.FormatVersion}");
            }
            var databases = Expect<ConfigMapping>(Required(root, "databases"), "databases", "an object");
            var snapshot = new SchemaSnapshot(Sorted(databases).Select(e => ReadDatabase(e.Key, e.Value)).ToEquatableArray());
            return new SchemaSnapshotDocument(snapshot, EquatableArray<ConfigDiagnostic>.Empty);
        }
        catch (SnapshotError error)
        {
            return Failed(error.Span, error.Message);
        }
    }

    private static SchemaSnapshotDocument Failed(SourceSpan span, string reason) => new(
        null, EquatableArray.Create(ConfigDiagnostic.Create(DiagnosticCatalog.InvalidSchemaSnapshot, span, reason)));

    private static ConfigMapping Database(DatabaseSnapshot database) => Map(
        ("schema_hash", Text(database.SchemaHash)),
        ("tables", Map(database.Tables.Select(t => (t.Name, (ConfigNode)Table(t))).ToArray())),
        ("queries", Map(database.Queries.Select(q => (q.SqlHash, (ConfigNode)(q.Ok ? Map(("ok", Boolean(true))) : Map(("ok", Boolean(false)), ("error", Text(q.Error!)))))).ToArray())));

    /// <summary>Keys holding a default (false, 0, null, empty) are left out: the file stays small and reads as a schema.</summary>
    private static ConfigMapping Table(TableSnapshot table)
    {
        var entries = new List<(string, ConfigNode)>
        {
            ("type", Text(table.IsView ? "view" : "table")),
            ("columns", List(table.Columns.Select(Column))),
        };
        AddIf(entries, table.Hidden, "hidden", () => Boolean(true));
        AddIf(entries, !table.PrimaryKeys.IsEmpty, "primary_keys", () => List(table.PrimaryKeys.Select(Text)));
        AddIf(entries, !table.ForeignKeys.IsEmpty, "foreign_keys", () => List(table.ForeignKeys.Select(f => (ConfigNode)Map(
            ("column", Text(f.Column)), ("other_table", Text(f.OtherTable)), ("other_column", Text(f.OtherColumn))))));
        AddIf(entries, table.FtsTable is not null, "fts_table", () => Text(table.FtsTable!));
        AddIf(entries, table.FtsModule is not null, "fts", () => Map(("module", Text(table.FtsModule!)), ("content", Optional(table.FtsContent))));
        return Map(entries.ToArray());
    }

    private static ConfigNode Column(ColumnSnapshot column)
    {
        var entries = new List<(string, ConfigNode)> { ("name", Text(column.Name)), ("type", Text(column.Type)) };
        AddIf(entries, column.NotNull, "notnull", () => Boolean(true));
        AddIf(entries, column.PrimaryKey != 0, "pk", () => Integer(column.PrimaryKey));
        AddIf(entries, column.Hidden != 0, "hidden", () => Integer(column.Hidden));
        return Map(entries.ToArray());
    }

    private static void AddIf(List<(string, ConfigNode)> entries, bool condition, string key, System.Func<ConfigNode> value)
    {
        if (condition)
        {
            entries.Add((key, value()));
        }
    }

    private static DatabaseSnapshot ReadDatabase(string name, ConfigNode node)
    {
        var database = Expect<ConfigMapping>(node, name, "an object");
        var tables = Expect<ConfigMapping>(Required(database, "tables"), name + ".tables", "an object");
        var queries = Expect<ConfigMapping>(Required(database, "queries"), name + ".queries", "an object");
        return new DatabaseSnapshot(
            name,
            String(Required(database, "schema_hash"), name + ".schema_hash"),
            Sorted(tables).Select(e => ReadTable(e.Key, e.Value, name + ".tables." + e.Key)).ToEquatableArray(),
            Sorted(queries).Select(e => ReadQuery(e.Key, e.Value, name + ".queries." + e.Key)).ToEquatableArray());
    }

    private static TableSnapshot ReadTable(string name, ConfigNode node, string where)
    {
        var table = Expect<ConfigMapping>(node, where, "an object");
        var type = String(Required(table, "type"), where + ".type");
        var columns = Expect<ConfigSequence>(Required(table, "columns"), where + ".columns", "a list").Items.Select(item =>
        {
            var column = Expect<ConfigMapping>(item, where + ".columns", "objects");
            return new ColumnSnapshot(
                String(Required(column, "name"), where + ".columns.name"),
                String(Required(column, "type"), where + ".columns.type"),
                column["notnull"] is { } notNull && Bool(notNull, where + ".columns.notnull"),
                column["pk"] is { } pk ? Int(pk, where + ".columns.pk") : 0,
                column["hidden"] is { } hidden ? Int(hidden, where + ".columns.hidden") : 0);
        });
        var foreignKeys = List(table, "foreign_keys", where).Items.Select(item =>
        {
            var key = Expect<ConfigMapping>(item, where + ".foreign_keys", "objects");
            return new ForeignKeySnapshot(
                String(Required(key, "column"), where + ".foreign_keys.column"),
                String(Required(key, "other_table"), where + ".foreign_keys.other_table"),
                String(Required(key, "other_column"), where + ".foreign_keys.other_column"));
        });
        var fts = table["fts"] is { } ftsNode ? Expect<ConfigMapping>(ftsNode, where + ".fts", "an object") : null;
        return new TableSnapshot(
            name,
            type == "view",
            table["hidden"] is { } hidden && Bool(hidden, where + ".hidden"),
            columns.ToEquatableArray(),
            List(table, "primary_keys", where).Items.Select(k => String(k, where + ".primary_keys")).ToEquatableArray(),
            foreignKeys.ToEquatableArray(),
            OptionalString(table["fts_table"], where + ".fts_table"),
            fts is null ? null : String(Required(fts, "module"), where + ".fts.module"),
            fts is null ? null : OptionalString(fts["content"], where + ".fts.content"));
    }

    private static QueryCheck ReadQuery(string hash, ConfigNode node, string where)
    {
        var query = Expect<ConfigMapping>(node, where, "an object");
        var ok = Bool(Required(query, "ok"), where + ".ok");
        return new QueryCheck(hash, ok ? null : String(Required(query, "error"), where + ".error"));
    }

    /// <summary>An optional list: absent means empty.</summary>
    private static ConfigSequence List(ConfigMapping mapping, string key, string where) =>
        mapping[key] is { } node ? Expect<ConfigSequence>(node, where + "." + key, "a list") : new ConfigSequence(EquatableArray<ConfigNode>.Empty, mapping.Span);

    private static IEnumerable<ConfigEntry> Sorted(ConfigMapping mapping) =>
        mapping.Entries.OrderBy(e => e.Key, System.StringComparer.Ordinal);

    private static ConfigNode Required(ConfigMapping mapping, string key) =>
        mapping[key] ?? throw new SnapshotError(mapping.Span, $"'{key}' is missing");

    private static T Expect<T>(ConfigNode node, string where, string expected) where T : ConfigNode =>
        node as T ?? throw new SnapshotError(node.Span, $"'{where}' must be {expected}");

    private static string String(ConfigNode node, string where) =>
        node is ConfigScalar { Kind: ScalarKind.String } text ? text.Text : throw new SnapshotError(node.Span, $"'{where}' must be a string");

    private static string? OptionalString(ConfigNode? node, string where) =>
        node is null or ConfigScalar { Kind: ScalarKind.Null } ? null : String(node, where);

    private static bool Bool(ConfigNode node, string where) =>
        node is ConfigScalar { Kind: ScalarKind.Boolean } flag ? flag.BooleanValue : throw new SnapshotError(node.Span, $"'{where}' must be true or false");

    private static int Int(ConfigNode node, string where) =>
        node is ConfigScalar { Kind: ScalarKind.Integer } number && number.IntegerValue is >= int.MinValue and <= int.MaxValue
            ? (int)number.IntegerValue
            : throw new SnapshotError(node.Span, $"'{where}' must be an integer");

    private static readonly SourceSpan Nowhere = SourceSpan.None(SchemaSnapshot.FileName);

    private static ConfigMapping Map(params (string Key, ConfigNode Value)[] entries) =>
        new(entries.Select(e => new ConfigEntry(e.Key, Nowhere, e.Value)).ToEquatableArray(), Nowhere);

    private static ConfigSequence List(IEnumerable<ConfigNode> items) => new(items.ToEquatableArray(), Nowhere);

    private static ConfigNode Text(string value) => ConfigScalar.String(value, Nowhere);

    private static ConfigNode Optional(string? value) => value is null ? new ConfigScalar(ScalarKind.Null, "null", Nowhere) : Text(value);

    private static ConfigNode Boolean(bool value) => new ConfigScalar(ScalarKind.Boolean, value ? "true" : "false", Nowhere);

    private static ConfigNode Integer(long value) => new ConfigScalar(ScalarKind.Integer, value.ToString(CultureInfo.InvariantCulture), Nowhere);

    private sealed class SnapshotError : System.Exception
    {
        public SnapshotError(SourceSpan span, string message)
            : base(message) => Span = span;

        public SourceSpan Span { get; }
    }
}
