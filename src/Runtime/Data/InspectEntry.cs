namespace Datasette.Gen.Runtime.Data;

/// <summary>What <c>datasette inspect</c> records for one immutable file: its hash, size and table counts.</summary>
internal sealed record InspectEntry(string Name, string Hash, long Size, string File, IReadOnlyDictionary<string, long> Counts);
