namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// One cell of a page's rows as the HTML pages render it, without a JSON round trip: <see cref="Value"/> is what
/// the JSON writer would have written (null, long, double, string, bool or byte[] — or, for JSON a column type or a
/// JSON column produced, a <c>JsonNode</c> or <c>JsonElement</c>), and <see cref="Label"/> an expanded foreign key's
/// label (then <see cref="Value"/> is the stored key).
/// </summary>
internal readonly record struct PageCell(object? Value, string? Label = null)
{
    public bool IsLabelled => Label is not null;
}
