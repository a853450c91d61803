using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Schema;
using Datasette.Gen.Generator.Emit;
using Datasette.Gen.Generator.Model;

namespace Datasette.Gen.Generator.Parsing;

/// <summary>
/// Chooses what gets a URL accessor: every database, table and stored query named in the
/// configuration or present in the schema snapshot (hidden tables only when configured), and
/// gives each a unique C# name. Sorted ordinally, so output does not depend on YAML order.
/// </summary>
internal static class UrlsModelBuilder
{
    /// <summary>Members of the generated classes, which nested class names must not repeat.</summary>
    public static readonly string[] RootMembers = { "Urls", "BaseUrl", "Instance", "InstanceJson" };
    public static readonly string[] DatabaseMembers = { "Name", "Path", "Html", "Json" };
    public static readonly string[] TableMembers = { "Name", "Path", "Html", "Json", "Csv", "Row", "RowJson" };

    public static UrlsModel Build(DeploymentModel model, SnapshotInput input)
    {
        var config = model.Config;
        var snapshot = input.Snapshot;
        var names = config.Databases.Select(d => d.Name)
            .Concat(snapshot?.Databases.Select(d => d.Name) ?? Enumerable.Empty<string>())
            .Distinct()
            .OrderBy(n => n, System.StringComparer.Ordinal);
        // A nested class may not share its name with one of its own members (CS0542).
        var scope = new Identifiers(RootMembers.Concat(DatabaseMembers));
        var databases = new List<DatabaseUrls>();
        foreach (var name in names)
        {
            databases.Add(Database(name, scope.Type(name, "Database"), config.Database(name), snapshot?.Database(name)));
        }
        return new UrlsModel(config.Settings.BaseUrl, databases.ToEquatableArray());
    }

    private static DatabaseUrls Database(string name, string identifier, DatabaseConfig? config, DatabaseSnapshot? snapshot)
    {
        var scope = new Identifiers(DatabaseMembers.Concat(TableMembers).Append(identifier));
        var tableNames = (config?.Tables.Select(t => t.Name) ?? Enumerable.Empty<string>())
            .Concat(snapshot?.Tables.Where(t => !t.Hidden).Select(t => t.Name) ?? Enumerable.Empty<string>())
            .Distinct()
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToList();
        var tables = tableNames.Select(t => Table(t, scope.Type(t, "Table"), snapshot?.Table(t))).ToList();
        var shadowed = new HashSet<string>(tableNames.Concat(snapshot?.Tables.Select(t => t.Name) ?? Enumerable.Empty<string>()), System.StringComparer.Ordinal);
        var queries = (config?.Queries ?? EquatableArray<QueryConfig>.Empty)
            .Where(q => !shadowed.Contains(q.Name)) // a table of the same name answers that URL
            .OrderBy(q => q.Name, System.StringComparer.Ordinal)
            .Select(q => Query(q, scope.Type(q.Name, "Query")))
            .ToList();
        return new DatabaseUrls(name, identifier, tables.ToEquatableArray(), queries.ToEquatableArray());
    }

    private static TableUrls Table(string name, string identifier, TableSnapshot? snapshot)
    {
        if (snapshot is null || snapshot.IsView)
        {
            return new TableUrls(name, identifier, snapshot?.IsView ?? false, null);
        }
        var scope = new Identifiers(System.Array.Empty<string>());
        var keys = snapshot.PrimaryKeys.IsEmpty
            ? new List<UrlParameter> { new("rowid", scope.Parameter("rowid"), true) }
            : snapshot.PrimaryKeys.Select(k => new UrlParameter(k, scope.Parameter(k), IsInteger(snapshot, k))).ToList();
        return new TableUrls(name, identifier, false, keys.ToEquatableArray());
    }

    private static QueryUrls Query(QueryConfig query, string identifier)
    {
        var names = query.Params is { IsEmpty: false } explicitNames ? explicitNames.ToList() : SqlParameters.Extract(query.Sql);
        var scope = new Identifiers(System.Array.Empty<string>());
        var parameters = names
            .Where(n => !n.StartsWith("_", System.StringComparison.Ordinal)) // magic parameters are filled by the server
            .Select(n => new UrlParameter(n, scope.Parameter(n), false))
            .ToEquatableArray();
        return new QueryUrls(query.Name, identifier, parameters);
    }

    private static bool IsInteger(TableSnapshot table, string column) =>
        table.Columns.Any(c => c.Name == column && Configuration.Sqlite.SqliteAffinity.Of(c.Type) == "INTEGER");
}
