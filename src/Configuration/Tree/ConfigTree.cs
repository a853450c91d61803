using System.Globalization;
using System.Text;

namespace Datasette.Gen.Configuration.Tree;

/// <summary>Pure functions over configuration trees: path updates, deep merges and JSON text.</summary>
public static class ConfigTree
{
    public static ConfigMapping EmptyMapping(SourceSpan span) => new(EquatableArray<ConfigEntry>.Empty, span);

    /// <summary>A copy of <paramref name="mapping"/> with <paramref name="value"/> at the key path, replacing what was there.</summary>
    public static ConfigMapping SetPath(ConfigMapping mapping, IReadOnlyList<string> path, ConfigNode value, int depth = 0)
    {
        var key = path[depth];
        ConfigNode replacement;
        if (depth == path.Count - 1)
        {
            replacement = value;
        }
        else
        {
            var child = mapping[key] as ConfigMapping ?? EmptyMapping(value.Span);
            replacement = SetPath(child, path, value, depth + 1);
        }
        return Put(mapping, key, replacement, value.Span);
    }

    /// <summary>Deep-merges <paramref name="overlay"/> into <paramref name="target"/>; nested mappings merge, anything else replaces.</summary>
    public static ConfigMapping Merge(ConfigMapping target, ConfigMapping overlay)
    {
        var result = target;
        foreach (var entry in overlay.Entries)
        {
            var merged = entry.Value is ConfigMapping overlayChild && result[entry.Key] is ConfigMapping targetChild
                ? Merge(targetChild, overlayChild)
                : entry.Value;
            result = Put(result, entry.Key, merged, entry.KeySpan);
        }
        return result;
    }

    private static ConfigMapping Put(ConfigMapping mapping, string key, ConfigNode value, SourceSpan keySpan)
    {
        var entries = new List<ConfigEntry>(mapping.Entries.Count + 1);
        var replaced = false;
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key == key)
            {
                if (!replaced)
                {
                    entries.Add(entry with { Value = value });
                    replaced = true;
                }
                continue;
            }
            entries.Add(entry);
        }
        if (!replaced)
        {
            entries.Add(new ConfigEntry(key, keySpan, value));
        }
        return mapping with { Entries = entries.ToEquatableArray() };
    }

    /// <summary>JSON text as Python's json.dumps writes it (", " and ": " separators, ASCII-escaped).</summary>
    public static string ToPythonJson(ConfigNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, ConfigNode node)
    {
        switch (node)
        {
            case ConfigMapping mapping:
                builder.Append('{');
                var first = true;
                foreach (var entry in mapping.DistinctEntries())
                {
                    if (!first)
                    {
                        builder.Append(", ");
                    }
                    first = false;
                    WriteString(builder, entry.Key);
                    builder.Append(": ");
                    Write(builder, entry.Value);
                }
                builder.Append('}');
                break;
            case ConfigSequence sequence:
                builder.Append('[');
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }
                    Write(builder, sequence.Items[i]);
                }
                builder.Append(']');
                break;
            case ConfigScalar scalar:
                switch (scalar.Kind)
                {
                    case ScalarKind.String:
                        WriteString(builder, scalar.Text);
                        break;
                    case ScalarKind.Float:
                        var text = scalar.Text;
                        builder.Append(text.IndexOfAny(new[] { '.', 'E', 'e', 'N', 'I' }) < 0 ? text + ".0" : text);
                        break;
                    default:
                        builder.Append(scalar.Text);
                        break;
                }
                break;
        }
    }

    private static void WriteString(StringBuilder builder, string value) =>
        JsonString.Append(builder, value, JsonStringEscapes.PythonAscii);
}
