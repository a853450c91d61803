using System.Globalization;
using System.Numerics;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// The coercions and messages of the pydantic models Datasette validates create and alter bodies
/// with (lax mode): booleans from JSON booleans, 0/1 and yes/no-style strings; strings strictly.
/// </summary>
internal static class PydanticLike
{
    public const string NotABoolean = "Input should be a valid boolean";
    public const string NotAString = "Input should be a valid string";
    public const string Extra = "Extra inputs are not permitted";
    public const string Missing = "Field required";

    private static readonly HashSet<string> TrueWords = new(StringComparer.Ordinal) { "1", "on", "t", "true", "y", "yes" };
    private static readonly HashSet<string> FalseWords = new(StringComparer.Ordinal) { "0", "off", "f", "false", "n", "no" };

    /// <summary>A lax boolean; null when the value is not one.</summary>
    public static bool? Boolean(object? value) => value switch
    {
        bool flag => flag,
        long number when number is 0 or 1 => number == 1,
        double number when number is 0.0 or 1.0 => number == 1.0,
        string text when TrueWords.Contains(text.ToLowerInvariant()) => true,
        string text when FalseWords.Contains(text.ToLowerInvariant()) => false,
        _ => null,
    };

    /// <summary>Python's str() of a parsed value, for messages that format one.</summary>
    public static string Str(object? value) => value switch
    {
        null => "None",
        bool flag => flag ? "True" : "False",
        double number => Json.SqliteJson.PythonFloat(number),
        long or BigInteger => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        string text => text,
        _ => WriteValues.Dumps(value),
    };

    /// <summary>Python truthiness.</summary>
    public static bool Truthy(object? value) => JsonMapOptions.Truthy(value);
}
