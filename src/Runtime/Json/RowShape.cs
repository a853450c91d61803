using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Json;

/// <summary>The <c>_shape</c> of rows in a JSON response.</summary>
internal enum RowShape
{
    Objects,
    Arrays,
    Array,
    ArrayFirst,
    Object,
}

internal static class RowShapes
{
    public static RowShape Parse(string? value) => TryParse(value) ?? throw Invalid(value);

    /// <summary>The shape, or null for an unknown name: data pages report that only once their data is ready, as Datasette's JSON renderer does.</summary>
    public static RowShape? TryParse(string? value) => value switch
    {
        null or "" or "objects" => RowShape.Objects,
        "arrays" => RowShape.Arrays,
        "array" => RowShape.Array,
        "arrayfirst" => RowShape.ArrayFirst,
        "object" => RowShape.Object,
        _ => null,
    };

    public static DatasetteHttpException Invalid(string? value) => DatasetteHttpException.BadRequest($"Invalid _shape: {value}");

    /// <summary>Shapes that discard the envelope and return the rows alone.</summary>
    public static bool IsBare(this RowShape shape) => shape is RowShape.Array or RowShape.ArrayFirst or RowShape.Object;
}
