namespace Datasette.Gen.Runtime.Internal;

/// <summary>One page of stored queries and the cursor of the next, if any.</summary>
internal sealed record QueryPage(IReadOnlyList<StoredQuery> Queries, string? Next);
