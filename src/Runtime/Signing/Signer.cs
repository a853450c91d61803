using System.Buffers.Text;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Datasette.Gen.Runtime.Signing;

/// <summary>
/// Datasette's <c>sign</c>/<c>unsign</c>: itsdangerous <c>URLSafeSerializer(secret, salt=namespace)</c>
/// byte for byte (tokens spec §2). Key = SHA1(namespace + "signer" + secret); signature =
/// HMAC-SHA1 over the base64url payload text; payloads may be zlib-compressed (leading '.').
/// </summary>
internal sealed class Signer
{
    /// <summary>Longest signed value accepted; anything longer is refused before any work (cookies are at most ~4 KB).</summary>
    public const int MaxSignedLength = 64 * 1024;

    private const int MaxDecompressedBytes = 1024 * 1024;

    private static readonly JsonWriterOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lazy<string> _secretText;
    private readonly Lazy<byte[]> _secretBytes;

    public Signer(string secret)
        : this(new Lazy<string>(secret))
    {
    }

    private Signer(Lazy<string> secret)
    {
        _secretText = secret;
        _secretBytes = new Lazy<byte[]>(() => Encoding.UTF8.GetBytes(_secretText.Value));
    }

    /// <summary>
    /// A signer with a random secret (64 hex characters, as <c>secrets.token_hex(32)</c>), drawn
    /// at the first signature: the random source loads OpenSSL, which start-up need not wait for.
    /// </summary>
    public static Signer WithRandomSecret() => new(new Lazy<string>(() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))));

    public string Secret => _secretText.Value;

    /// <summary>The derived HMAC key for a namespace (test vectors list it in hex).</summary>
    public byte[] Key(string ns)
    {
        var salt = Encoding.UTF8.GetBytes(ns);
        var secret = _secretBytes.Value;
        var input = new byte[salt.Length + 6 + secret.Length];
        salt.CopyTo(input, 0);
        Encoding.ASCII.GetBytes("signer").CopyTo(input, salt.Length);
        secret.CopyTo(input, salt.Length + 6);
        return SHA1.HashData(input);
    }

    /// <summary>Signs <paramref name="value"/> serialised as compact JSON (keys in insertion order, non-ASCII raw).</summary>
    public string Sign(JsonNode? value, string ns = "default") => SignJson(Compact(value), ns);

    /// <summary>Signs JSON text as it is; compresses when that saves at least two bytes, as itsdangerous does.</summary>
    public string SignJson(string json, string ns = "default")
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var compressed = Compress(bytes);
        var payload = compressed.Length < bytes.Length - 1 ? "." + Base64Url.EncodeToString(compressed) : Base64Url.EncodeToString(bytes);
        return payload + "." + Base64Url.EncodeToString(HMACSHA1.HashData(Key(ns), Encoding.ASCII.GetBytes(payload)));
    }

    /// <summary>The value signed with <see cref="Sign"/>; <see cref="BadSignatureException"/> when tampered, truncated or not ours.</summary>
    public JsonNode? Unsign(string signed, string ns = "default")
    {
        var json = UnsignJson(signed, ns);
        try
        {
            return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new BadSignatureException("Signed payload is not valid JSON", ex);
        }
    }

    /// <summary>The signed JSON text, after checking the signature in constant time.</summary>
    public string UnsignJson(string signed, string ns = "default")
    {
        if (signed.Length > MaxSignedLength)
        {
            throw new BadSignatureException("Signed value is too long");
        }
        var dot = signed.LastIndexOf('.');
        if (dot < 0)
        {
            throw new BadSignatureException("No \".\" found in value");
        }
        var payload = signed[..dot];
        var signature = Decode(signed[(dot + 1)..]) ?? throw new BadSignatureException("Signature is not valid base64");
        if (!Ascii.IsValid(payload))
        {
            throw new BadSignatureException("Signature does not match");
        }
        var expected = HMACSHA1.HashData(Key(ns), Encoding.ASCII.GetBytes(payload));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            throw new BadSignatureException("Signature does not match");
        }
        var compressed = payload.StartsWith('.');
        var data = Decode(compressed ? payload[1..] : payload) ?? throw new BadSignatureException("Payload is not valid base64");
        if (compressed)
        {
            data = Decompress(data);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(data);
        }
        catch (DecoderFallbackException ex)
        {
            throw new BadSignatureException("Payload is not UTF-8", ex);
        }
    }

    /// <summary>Compact JSON as Python's json.dumps(separators=(",", ":")) writes it for these values.</summary>
    public static string Compact(JsonNode? value)
    {
        if (value is null)
        {
            return "null";
        }
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, CompactJson))
        {
            value.WriteTo(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static byte[]? Decode(string text)
    {
        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }
        return output.ToArray();
    }

    private static byte[] Decompress(byte[] data)
    {
        try
        {
            using var input = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > MaxDecompressedBytes)
                {
                    throw new BadSignatureException("Payload is too large");
                }
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new BadSignatureException("Payload could not be decompressed", ex);
        }
    }
}

/// <summary>itsdangerous' BadSignature: the value was not signed with this secret and namespace, or was altered.</summary>
internal sealed class BadSignatureException : Exception
{
    public BadSignatureException(string message)
        : base(message)
    {
    }

    public BadSignatureException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
