namespace Datasette.Gen.Runtime.Extras;

/// <summary>The pages an <c>_extra=</c> block can appear on (Datasette's <c>ExtraScope</c>).</summary>
[Flags]
internal enum ExtraScopes
{
    None = 0,
    Table = 1,
    Row = 2,
    Query = 4,
}
