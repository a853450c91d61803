using System.Text.Json;
using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Runtime.Json;

/// <summary>Writes configuration trees as JSON, optionally redacting secret-looking keys as /-/config.json does.</summary>
internal static class ConfigNodeJson
{
    private static readonly string[] SecretWords = { "secret", "key", "password", "token", "hash", "dsn" };

    public static void Write(Utf8JsonWriter writer, ConfigNode node, bool redact)
    {
        switch (node)
        {
            case ConfigMapping mapping:
                writer.WriteStartObject();
                foreach (var entry in mapping.DistinctEntries())
                {
                    writer.WritePropertyName(entry.Key);
                    if (redact && IsSecret(entry.Key))
                    {
                        writer.WriteStringValue("***");
                    }
                    else
                    {
                        Write(writer, entry.Value, redact);
                    }
                }
                writer.WriteEndObject();
                break;
            case ConfigSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    Write(writer, item, redact);
                }
                writer.WriteEndArray();
                break;
            case ConfigScalar scalar:
                switch (scalar.Kind)
                {
                    case ScalarKind.Null:
                        writer.WriteNullValue();
                        break;
                    case ScalarKind.Boolean:
                        writer.WriteBooleanValue(scalar.BooleanValue);
                        break;
                    case ScalarKind.Integer:
                        writer.WriteNumberValue(scalar.IntegerValue);
                        break;
                    case ScalarKind.Float:
                        SqliteJson.WriteReal(writer, scalar.FloatValue, jsonInfinity: false);
                        break;
                    default:
                        writer.WriteStringValue(scalar.Text);
                        break;
                }
                break;
        }
    }

    private static bool IsSecret(string key)
    {
        foreach (var word in SecretWords)
        {
            if (key.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
