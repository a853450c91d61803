using System.Text;

namespace Datasette.Gen.Configuration.OpenApi;

/// <summary>
/// The names client generators turn into type and method names: one PascalCase stem per
/// database, table (or view) and stored query, from which every component and operationId of
/// that object is made (<c>facetable</c> → <c>FacetableRow</c>, <c>FacetableRows</c>,
/// <c>FacetableSortColumn</c>, <c>facetableRows</c>). Component keys hold no dots, so Kiota
/// does not read them as namespaces. The rules, all decided from the names being described:
/// <list type="number">
/// <item>The stem is the name's ASCII letters and digits, each word (split at anything else)
/// capitalised; one that would be empty or start with a digit is prefixed with its kind
/// (<c>Table</c>, <c>Query</c>, <c>Database</c>).</item>
/// <item>Tables and queries whose stems are equal (ignoring case) in different databases are
/// all prefixed with their database's stem (<c>FixturesSearchable</c>, <c>ExtraDatabaseSearchable</c>).</item>
/// <item>Any generated name still shared (two stems equal within a database, a stem plus one
/// suffix equal to another's, or a shared component's name) gets <c>_</c> and six hex digits of
/// the SHA-256 of the object's kind, database and name appended to every owner's stem.</item>
/// </list>
/// </summary>
public static class OpenApiTypeNames
{
    public enum Kind
    {
        Database,
        Table,
        Query,
    }

    /// <summary>A described object: for a database, <see cref="Name"/> is the database name too.</summary>
    public readonly record struct Item(Kind Kind, string Database, string Name);

    /// <summary>Suffixes of the components and operationIds made from a table's stem.</summary>
    public static readonly IReadOnlyList<string> TableSuffixes = new[]
    {
        RowSuffix, RowsSuffix, RowPageSuffix, ColumnSuffix, SortColumnSuffix, FiltersSuffix, SearchColumnsSuffix,
        RowInputSuffix, UpsertRowInputSuffix, InsertRequestSuffix, InsertResponseSuffix, UpsertRequestSuffix, UpsertResponseSuffix,
        UpdateRequestSuffix, UpdateResponseSuffix,
        InsertSuffix, UpsertSuffix, UpdateSuffix, DeleteSuffix, AlterSuffix, DropSuffix, SetColumnTypeSuffix,
    };

    /// <summary>Suffixes of the operationIds made from a database's stem.</summary>
    public static readonly IReadOnlyList<string> DatabaseSuffixes = new[]
    {
        DatabaseSuffix, SqlSuffix, CreateTableSuffix, ExecuteWriteSuffix, AnalyzeWriteSuffix,
    };

    public const string RowSuffix = "Row";
    public const string RowsSuffix = "Rows";
    public const string RowPageSuffix = "RowPage";
    public const string ColumnSuffix = "Column";
    public const string SortColumnSuffix = "SortColumn";
    public const string FiltersSuffix = "Filters";
    public const string SearchColumnsSuffix = "SearchColumns";
    public const string RowInputSuffix = "RowInput";
    public const string UpsertRowInputSuffix = "UpsertRowInput";
    public const string InsertRequestSuffix = "InsertRequest";
    public const string InsertResponseSuffix = "InsertResponse";
    public const string UpsertRequestSuffix = "UpsertRequest";
    public const string UpsertResponseSuffix = "UpsertResponse";
    public const string UpdateRequestSuffix = "UpdateRequest";
    public const string UpdateResponseSuffix = "UpdateResponse";
    public const string InsertSuffix = "Insert";
    public const string UpsertSuffix = "Upsert";
    public const string UpdateSuffix = "Update";
    public const string DeleteSuffix = "Delete";
    public const string AlterSuffix = "Alter";
    public const string DropSuffix = "Drop";
    public const string SetColumnTypeSuffix = "SetColumnType";
    public const string CreateTableSuffix = "CreateTable";
    public const string ExecuteWriteSuffix = "ExecuteWrite";
    public const string AnalyzeWriteSuffix = "AnalyzeWrite";
    public const string QuerySuffix = "Query";
    public const string DatabaseSuffix = "Database";
    public const string SqlSuffix = "Sql";

    /// <summary>Assigns a stem to every item; <paramref name="reserved"/> are names used elsewhere in the document.</summary>
    public static Dictionary<Item, string> Assign(IEnumerable<Item> items, IEnumerable<string> reserved)
    {
        var list = items.Distinct().ToList();
        var stems = list.ToDictionary(i => i, i => Pascal(i.Name, i.Kind.ToString()));
        var databaseStem = list.Select(i => i.Database).Distinct(StringComparer.Ordinal)
            .ToDictionary(d => d, d => Pascal(d, nameof(Kind.Database)), StringComparer.Ordinal);
        foreach (var group in list.Where(i => i.Kind != Kind.Database).GroupBy(i => stems[i], StringComparer.OrdinalIgnoreCase))
        {
            if (group.Select(i => i.Database).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                foreach (var item in group)
                {
                    stems[item] = databaseStem[item.Database] + stems[item];
                }
            }
        }
        var taken = new HashSet<string>(reserved, StringComparer.OrdinalIgnoreCase);
        var hashed = new HashSet<Item>();
        while (true)
        {
            var owners = new Dictionary<string, List<Item>>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in list)
            {
                foreach (var name in NamesOf(item.Kind, stems[item]).Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    if (!owners.TryGetValue(name, out var owner))
                    {
                        owners[name] = owner = new List<Item>();
                    }
                    owner.Add(item);
                }
            }
            var clashing = owners.Where(o => o.Value.Count > 1 || taken.Contains(o.Key))
                .SelectMany(o => o.Value).Where(i => !hashed.Contains(i)).Distinct().ToList();
            if (clashing.Count == 0)
            {
                return stems;
            }
            foreach (var item in clashing)
            {
                hashed.Add(item);
                stems[item] += "_" + Hashing.Sha256Text.Hex(item.Kind + "\0" + item.Database + "\0" + item.Name).Substring(0, 6);
            }
        }
    }

    /// <summary>Every component and operationId made from a stem of this kind.</summary>
    public static IEnumerable<string> NamesOf(Kind kind, string stem) => kind switch
    {
        Kind.Database => DatabaseSuffixes.Select(s => stem + s),
        Kind.Query => new[] { stem + QuerySuffix },
        _ => TableSuffixes.Select(s => stem + s),
    };

    /// <summary>An operationId: the stem with its first letter lowered, then the suffix.</summary>
    public static string OperationId(string stem, string suffix) => char.ToLowerInvariant(stem[0]) + stem.Substring(1) + suffix;

    /// <summary>ASCII letters and digits, each word capitalised; <paramref name="kind"/> first when empty or led by a digit.</summary>
    public static string Pascal(string name, string kind)
    {
        var builder = new StringBuilder(name.Length);
        var startOfWord = true;
        foreach (var c in name)
        {
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(startOfWord ? char.ToUpperInvariant(c) : c);
                startOfWord = false;
            }
            else
            {
                startOfWord = true;
            }
        }
        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, kind);
        }
        return builder.ToString();
    }
}
