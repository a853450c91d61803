using System.Text;

namespace Datasette.Gen.Runtime.Signing;

/// <summary>Datasette's base-62 alphabet for cookie expiry times, most significant digit first.</summary>
internal static class Base62
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz";

    public static string Encode(long value)
    {
        if (value == 0)
        {
            return "A";
        }
        var chars = new StringBuilder();
        for (var rest = value; rest > 0; rest /= 62)
        {
            chars.Insert(0, Alphabet[(int)(rest % 62)]);
        }
        return chars.ToString();
    }

    /// <summary>The number, or null for characters outside the alphabet or an overflow.</summary>
    public static long? Decode(string text)
    {
        long value = 0;
        foreach (var c in text)
        {
            var digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0 || value > (long.MaxValue - digit) / 62)
            {
                return null;
            }
            value = (value * 62) + digit;
        }
        return value;
    }
}
