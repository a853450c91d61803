using System.Text;

namespace Datasette.Gen.Configuration.UrlEncoding;

/// <summary>
/// Datasette's tilde encoding of a name in a path (routes.md §2): proxies decode %2F, so every
/// byte that is not [A-Za-z0-9_-] becomes ~XX and a space becomes +. The one definition, used by
/// the runtime's router and links, the generator's typed URLs and the OpenAPI paths.
/// </summary>
public static class TildeEncoding
{
    public static string Encode(string value) => ByteEscaping.Encode(value, '~', dotAndTildeSafe: false);

    /// <summary>~XX becomes byte XX and + a space; a literal % stays; a malformed ~ stays literal.</summary>
    public static string Decode(string value)
    {
        if (value.IndexOf('~') < 0 && value.IndexOf('+') < 0)
        {
            return value;
        }
        var input = Encoding.UTF8.GetBytes(value);
        var output = new byte[input.Length];
        var length = 0;
        for (var i = 0; i < input.Length; i++)
        {
            var b = input[i];
            if (b == (byte)'~' && i + 2 < input.Length && IsHex(input[i + 1]) && IsHex(input[i + 2]))
            {
                output[length++] = (byte)((HexValue(input[i + 1]) << 4) | HexValue(input[i + 2]));
                i += 2;
            }
            else if (b == (byte)'+')
            {
                output[length++] = (byte)' ';
            }
            else
            {
                output[length++] = b;
            }
        }
        return Encoding.UTF8.GetString(output, 0, length);
    }

    private static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
