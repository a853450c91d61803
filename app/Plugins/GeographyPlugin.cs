namespace DemoPlugins;

// The usings sit inside the namespace so that "Datasette" means the class, not the namespace.
using System.Collections.Generic;
using System.Text;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.ColumnTypes;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Plugins;
using Microsoft.Data.Sqlite;

/// <summary>
/// An example plugin: a SQL function and a column type, both as [DatasetteHook] methods.
/// <list type="bullet">
/// <item><see cref="PrepareConnection"/> adds <c>density(population, area)</c> to every connection of
/// every attached database (prepare_connection) — try <c>select name, density(population, area_km2) from cities</c>.</item>
/// <item><see cref="RegisterColumnTypes"/> adds the <c>flag</c> column type (register_column_types), which
/// datasette.yaml assigns to the demo's country codes.</item>
/// </list>
/// A hook method may take any of its hook's parameters, in any order, and may be static.
/// </summary>
[DatasettePlugin("geography")]
public static class GeographyPlugin
{
    [DatasetteHook]
    public static void PrepareConnection(SqliteConnection connection) =>
        connection.CreateFunction<double?, double?, double?>("density", Density, isDeterministic: true);

    [DatasetteHook]
    public static ColumnType RegisterColumnTypes() => new FlagColumnType();

    /// <summary>People per unit of area, or null when either is missing or the area is zero.</summary>
    public static double? Density(double? population, double? area) =>
        population is { } people && area is { } size && size != 0 ? people / size : null;
}

/// <summary>
/// <c>flag</c>: a two-letter ISO 3166 country code, shown with its flag emoji; values written through
/// the API must be two capital letters.
/// </summary>
public sealed record FlagColumnType : ColumnType
{
    public override string Name => "flag";

    public override string Description => "Country code with its flag";

    public override IReadOnlyList<SqliteAffinity>? SqliteTypes => new[] { SqliteAffinity.Text };

    public override string? RenderCell(object? value, string column, string table, string database, Datasette datasette, DatasetteRequest? request) =>
        value is string code && IsCode(code) ? Flag(code) + " " + code : null;

    public override string? Validate(object? value, Datasette datasette) => value switch
    {
        null or "" => null,
        string code when IsCode(code) => null,
        _ => "Country code must be two capital letters",
    };

    /// <summary>The two regional-indicator symbols that draw the flag.</summary>
    public static string Flag(string code)
    {
        var flag = new StringBuilder();
        foreach (var letter in code)
        {
            flag.Append(char.ConvertFromUtf32(0x1F1E6 + (letter - 'A')));
        }
        return flag.ToString();
    }

    private static bool IsCode(string code) => code.Length == 2 && code[0] is >= 'A' and <= 'Z' && code[1] is >= 'A' and <= 'Z';
}
