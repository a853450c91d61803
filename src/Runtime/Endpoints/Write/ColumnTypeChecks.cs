namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>Datasette's _validate_column_types: each assigned column type checks the values written to its column.</summary>
internal static class ColumnTypeChecks
{
    /// <summary>400 with one <c>column: message</c> per failing cell, in row order.</summary>
    public static async Task EnsureValidAsync(Datasette datasette, WriteTable target, IReadOnlyList<JsonMap> rows)
    {
        var types = await datasette.GetColumnTypesAsync(target.DatabaseName, target.Name).ConfigureAwait(false);
        if (types.Count == 0)
        {
            return;
        }
        var errors = new List<string>();
        foreach (var row in rows)
        {
            foreach (var (column, type) in types)
            {
                if (row.TryGetValue(column, out var value) && type.Validate(value, datasette) is { } error)
                {
                    errors.Add($"{column}: {error}");
                }
            }
        }
        if (errors.Count > 0)
        {
            throw new WriteApiException(400, errors);
        }
    }
}
