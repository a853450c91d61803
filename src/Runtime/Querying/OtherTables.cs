using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Permissions;

namespace Datasette.Gen.Runtime.Querying;

/// <summary>
/// The one rule for tables a request reads besides the one whose permission its page checked
/// (a <c>_through</c> table, a foreign key's target, a table referencing this row, an FTS table,
/// the statements of <c>/-/schema</c>): the actor must be allowed view-table on it — the same
/// decision that table's own page makes, through the same permission API — or the answer is
/// built as though that table were not there. Datasette 1.0a37 checks only the label look-up and
/// reads the rest unchecked, so a table an allow block hides can be probed through a public one.
/// </summary>
internal static class OtherTables
{
    /// <summary>May the actor see the table or view <paramref name="name"/> of <paramref name="database"/>?</summary>
    public static bool Visible(ActorPermissions permissions, Database database, string name) =>
        permissions.Allowed("view-table", database.Name, name);

    /// <summary>The foreign keys of other tables pointing at <paramref name="table"/>, from the tables the actor may see.</summary>
    public static List<ForeignKey> VisibleIncoming(ActorPermissions permissions, Database database, TableInfo table) =>
        table.Incoming.Where(key => Visible(permissions, database, key.OtherTable)).ToList();

    /// <summary>The detected FTS table of <paramref name="table"/>, or null when there is none the actor may see.</summary>
    public static string? VisibleFtsTable(ActorPermissions permissions, Database database, TableInfo table) =>
        table.FtsTable is { } fts && Visible(permissions, database, fts) ? fts : null;

    /// <summary>
    /// The table or view a name reaches in SQL, or null when there is none or the actor may not see
    /// it. SQLite matches names ignoring ASCII case, so the permission is decided on the real name
    /// (the one allow blocks use), never on the spelling in the request or a REFERENCES clause.
    /// </summary>
    public static TableInfo? Find(ActorPermissions permissions, Database database, string name) =>
        Resolve(database.Schema, name) is { } table && Visible(permissions, database, table.Name) ? table : null;

    private static TableInfo? Resolve(DatabaseSchema schema, string name)
    {
        if (schema.Find(name) is { } exact)
        {
            return exact;
        }
        foreach (var item in schema.Objects)
        {
            if (AsciiEqualsIgnoreCase(item.Name, name))
            {
                return item;
            }
        }
        return null;
    }

    private static bool AsciiEqualsIgnoreCase(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i] && !(char.IsAsciiLetter(a[i]) && char.IsAsciiLetter(b[i]) && (a[i] | 0x20) == (b[i] | 0x20)))
            {
                return false;
            }
        }
        return true;
    }
}
