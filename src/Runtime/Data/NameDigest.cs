using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// MD5 (RFC 1321) of a short UTF-8 name, as hex: Datasette derives a database's colour and a CSS
/// class suffix from it. Computed here rather than with <c>System.Security.Cryptography.MD5</c>,
/// which loads OpenSSL (about 5 ms and 4 MB resident) into a process that, serving mutable
/// databases without signed cookies, would otherwise never need it. Not for security.
/// </summary>
internal static class NameDigest
{
    private static readonly int[] Shifts =
    [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];

    // RFC 1321 §3.4: K[i] = floor(|sin(i + 1)| * 2^32).
    private static readonly uint[] Constants = BuildConstants();

    /// <summary>32 lower-case hex digits of MD5(UTF-8 of <paramref name="text"/>).</summary>
    public static string Md5Hex(string text) => Convert.ToHexStringLower(Md5(Encoding.UTF8.GetBytes(text)));

    public static byte[] Md5(ReadOnlySpan<byte> message)
    {
        // Padding: 0x80, zeros to 56 mod 64, then the length in bits (little-endian).
        var length = ((message.Length + 8) / 64 + 1) * 64;
        var padded = new byte[length];
        message.CopyTo(padded);
        padded[message.Length] = 0x80;
        BinaryPrimitives.WriteUInt64LittleEndian(padded.AsSpan(length - 8), (ulong)message.Length * 8);

        uint a0 = 0x67452301, b0 = 0xefcdab89, c0 = 0x98badcfe, d0 = 0x10325476;
        Span<uint> words = stackalloc uint[16];
        for (var offset = 0; offset < length; offset += 64)
        {
            for (var w = 0; w < 16; w++)
            {
                words[w] = BinaryPrimitives.ReadUInt32LittleEndian(padded.AsSpan(offset + (w * 4)));
            }
            uint a = a0, b = b0, c = c0, d = d0;
            for (var i = 0; i < 64; i++)
            {
                uint f;
                int g;
                switch (i / 16)
                {
                    case 0:
                        f = (b & c) | (~b & d);
                        g = i;
                        break;
                    case 1:
                        f = (d & b) | (~d & c);
                        g = ((5 * i) + 1) % 16;
                        break;
                    case 2:
                        f = b ^ c ^ d;
                        g = ((3 * i) + 5) % 16;
                        break;
                    default:
                        f = c ^ (b | ~d);
                        g = 7 * i % 16;
                        break;
                }
                f += a + Constants[i] + words[g];
                a = d;
                d = c;
                c = b;
                b += BitOperations.RotateLeft(f, Shifts[i]);
            }
            a0 += a;
            b0 += b;
            c0 += c;
            d0 += d;
        }
        var digest = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(digest, a0);
        BinaryPrimitives.WriteUInt32LittleEndian(digest.AsSpan(4), b0);
        BinaryPrimitives.WriteUInt32LittleEndian(digest.AsSpan(8), c0);
        BinaryPrimitives.WriteUInt32LittleEndian(digest.AsSpan(12), d0);
        return digest;
    }

    private static uint[] BuildConstants()
    {
        var constants = new uint[64];
        for (var i = 0; i < 64; i++)
        {
            constants[i] = (uint)(long)Math.Floor(Math.Abs(Math.Sin(i + 1)) * 4294967296.0);
        }
        return constants;
    }
}
