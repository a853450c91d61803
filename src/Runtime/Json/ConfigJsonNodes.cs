using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Runtime.Json;

/// <summary>Configuration trees as fresh JSON nodes, optionally with Datasette's <c>$env</c>/<c>$file</c> secrets resolved.</summary>
internal static class ConfigJsonNodes
{
    /// <summary>
    /// A new JSON tree for <paramref name="node"/>. With <paramref name="resolveSecrets"/>, a mapping
    /// whose only key is <c>$env</c> becomes that environment variable (null when unset) and one whose
    /// only key is <c>$file</c> becomes the file's whole text (a missing file throws); this happens at
    /// each call, never at build time, so the stored configuration keeps its markers.
    /// </summary>
    public static JsonNode? ToJsonNode(ConfigNode? node, bool resolveSecrets)
    {
        switch (node)
        {
            case null:
                return null;
            case ConfigMapping mapping:
                if (resolveSecrets && mapping.Entries.Count == 1 && mapping.Entries[0].Value is ConfigScalar { Kind: ScalarKind.String } reference)
                {
                    switch (mapping.Entries[0].Key)
                    {
                        case "$env":
                            return Environment.GetEnvironmentVariable(reference.Text) is { } value ? JsonValue.Create(value) : null;
                        case "$file":
                            return JsonValue.Create(File.ReadAllText(reference.Text));
                    }
                }
                var obj = new JsonObject();
                foreach (var entry in mapping.DistinctEntries())
                {
                    obj[entry.Key] = ToJsonNode(entry.Value, resolveSecrets);
                }
                return obj;
            case ConfigSequence sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Items)
                {
                    array.Add(ToJsonNode(item, resolveSecrets));
                }
                return array;
            case ConfigScalar scalar:
                return scalar.Kind switch
                {
                    ScalarKind.Null => null,
                    ScalarKind.Boolean => JsonValue.Create(scalar.BooleanValue),
                    ScalarKind.Integer => JsonValue.Create(scalar.IntegerValue),
                    ScalarKind.Float => JsonValue.Create(scalar.FloatValue),
                    _ => JsonValue.Create(scalar.Text),
                };
            default:
                return null;
        }
    }

    /// <summary>Python truthiness: null, false, 0, "" and empty containers are false.</summary>
    public static bool IsTruthy(ConfigNode? node) => node switch
    {
        null => false,
        ConfigMapping mapping => mapping.Entries.Count > 0,
        ConfigSequence sequence => sequence.Items.Count > 0,
        ConfigScalar { Kind: ScalarKind.Null } => false,
        ConfigScalar { Kind: ScalarKind.Boolean } flag => flag.BooleanValue,
        ConfigScalar { Kind: ScalarKind.Integer } number => number.IntegerValue != 0,
        ConfigScalar { Kind: ScalarKind.Float } real => real.FloatValue != 0,
        ConfigScalar text => text.Text.Length > 0,
        _ => false,
    };
}
