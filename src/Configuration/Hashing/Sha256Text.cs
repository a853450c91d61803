using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Datasette.Gen.Configuration.Hashing;

/// <summary>Lower-case hex SHA-256 of a text's UTF-8: the one digest behind stored-query keys, schema hashes and OpenAPI keys.</summary>
public static class Sha256Text
{
    public static string Hex(string text)
    {
        using var sha = SHA256.Create();
        var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        var builder = new StringBuilder(digest.Length * 2);
        foreach (var b in digest)
        {
            builder.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }
}
