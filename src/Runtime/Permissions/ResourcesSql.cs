namespace Datasette.Gen.Runtime.Permissions;

/// <summary>A listing query and its parameters, to run against the internal database.</summary>
public sealed record ResourcesSql(string Sql, IReadOnlyDictionary<string, object?> Params)
{
    /// <summary>The query has the is_private column.</summary>
    public bool IncludesIsPrivate { get; init; }
}
