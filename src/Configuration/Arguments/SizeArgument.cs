namespace Datasette.Gen.Configuration.Arguments;

/// <summary>
/// The <c>_size</c> query argument as Datasette reads it on every paginated page: "max" is the
/// page's maximum, anything else goes through Python's <c>int()</c> (surrounding whitespace, a
/// sign and single underscores between digits allowed), a value below the page's minimum is
/// "_size must be a positive integer" and one above its maximum "_size must be &lt;= max".
/// </summary>
public static class SizeArgument
{
    /// <summary>The page size for <paramref name="text"/> (not null or empty), or the 400 message in <paramref name="error"/>.</summary>
    public static int Parse(string text, int max, int minimum, out string? error)
    {
        error = null;
        if (text == "max")
        {
            return max;
        }
        if (!PythonInt.TryParse(text, max, out var value) || value < minimum)
        {
            error = "_size must be a positive integer";
            return 0;
        }
        if (value > max)
        {
            error = "_size must be <= " + max.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return 0;
        }
        return (int)value;
    }
}
