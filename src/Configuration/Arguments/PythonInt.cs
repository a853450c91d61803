namespace Datasette.Gen.Configuration.Arguments;

/// <summary>Python's <c>int(text)</c> for base-10 text, as Datasette applies it to numeric query arguments.</summary>
public static class PythonInt
{
    /// <summary>
    /// False when Python would raise ValueError. A magnitude beyond <paramref name="ceiling"/> is
    /// reported as ceiling + 1 (with its sign), which is all a caller comparing with a limit needs
    /// and keeps an absurdly long number from costing more than one pass.
    /// </summary>
    public static bool TryParse(string text, long ceiling, out long value)
    {
        value = 0;
        int start = 0, end = text.Length;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        var negative = false;
        if (start < end && text[start] is '+' or '-')
        {
            negative = text[start] == '-';
            start++;
        }
        if (start == end)
        {
            return false;
        }
        var previousDigit = false;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c == '_' && previousDigit && i + 1 < end)
            {
                previousDigit = false;
                continue;
            }
            if (c is < '0' or > '9')
            {
                return false;
            }
            previousDigit = true;
            if (value <= ceiling && value < long.MaxValue / 10)
            {
                value = value * 10 + (c - '0');
            }
        }
        if (value > ceiling)
        {
            value = ceiling + 1;
        }
        value = negative ? -value : value;
        return true;
    }
}
