using System.Buffers;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime;

public sealed partial class Datasette
{
    private ConditionalGet? _conditional;

    /// <summary>The ETag / 304 step and the response cache of the data pages (one per instance).</summary>
    internal ConditionalGet Conditional => _conditional ??= new ConditionalGet(
        Signer.Key("datasette.etag"),
        DeploymentFingerprint(),
        Settings.ResponseCacheMb > 0 ? new ResponseCache(Settings.ResponseCacheMb * 1024L * 1024L) : null);

    /// <summary>
    /// The build and the whole effective configuration (settings, permissions, table options), so
    /// a restart with other configuration under the same secret never validates an old answer.
    /// </summary>
    private string DeploymentFingerprint()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("version", CompatibleVersion);
            writer.WriteString("build", typeof(Datasette).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
            foreach (var entry in Config.Effective.DistinctEntries())
            {
                writer.WritePropertyName(entry.Key);
                ConfigNodeJson.Write(writer, entry.Value, redact: false);
            }
            writer.WriteEndObject();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }
}
