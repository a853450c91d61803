using System.Globalization;

namespace Datasette.Gen.Configuration.Tree;

/// <summary>
/// A parsed configuration value with its source location: the JSON-like tree that both
/// YAML and JSON spellings of datasette.yaml and metadata files read into.
/// </summary>
public abstract record ConfigNode(SourceSpan Span)
{
    /// <summary>Datasette's name for the node's type in error messages.</summary>
    public abstract string TypeName { get; }
}

public sealed record ConfigEntry(string Key, SourceSpan KeySpan, ConfigNode Value);

public sealed record ConfigMapping(EquatableArray<ConfigEntry> Entries, SourceSpan Span) : ConfigNode(Span)
{
    public override string TypeName => "dict";

    public ConfigNode? this[string key] => TryGet(key, out var value) ? value : null;

    public bool TryGet(string key, out ConfigNode value)
    {
        // Last one wins, as in Python's dict construction.
        for (var i = Entries.Count - 1; i >= 0; i--)
        {
            if (Entries[i].Key == key)
            {
                value = Entries[i].Value;
                return true;
            }
        }
        value = null!;
        return false;
    }

    public ConfigEntry? Entry(string key)
    {
        for (var i = Entries.Count - 1; i >= 0; i--)
        {
            if (Entries[i].Key == key)
            {
                return Entries[i];
            }
        }
        return null;
    }

    /// <summary>
    /// The mapping as the Python dict Datasette builds from it: each key once, where it first
    /// appears, holding the value that wins (the last). Every writer of configuration as JSON
    /// goes through this, so a duplicated key (warned about by DSG0023) reads the same everywhere.
    /// </summary>
    public IEnumerable<ConfigEntry> DistinctEntries()
    {
        for (var i = 0; i < Entries.Count; i++)
        {
            var entry = Entries[i];
            if (!AppearsBefore(entry.Key, i))
            {
                var winner = Entry(entry.Key)!;
                yield return ReferenceEquals(winner, entry) ? entry : entry with { Value = winner.Value };
            }
        }
    }

    private bool AppearsBefore(string key, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (Entries[i].Key == key)
            {
                return true;
            }
        }
        return false;
    }
}

public sealed record ConfigSequence(EquatableArray<ConfigNode> Items, SourceSpan Span) : ConfigNode(Span)
{
    public override string TypeName => "list";
}

public enum ScalarKind
{
    Null,
    Boolean,
    Integer,
    Float,
    String,
}

/// <summary>A resolved scalar; <see cref="Text"/> is canonical for numbers and booleans.</summary>
public sealed record ConfigScalar(ScalarKind Kind, string Text, SourceSpan Span) : ConfigNode(Span)
{
    public override string TypeName => Kind switch
    {
        ScalarKind.Null => "NoneType",
        ScalarKind.Boolean => "bool",
        ScalarKind.Integer => "int",
        ScalarKind.Float => "float",
        _ => "str",
    };

    public bool BooleanValue => Kind == ScalarKind.Boolean && Text == "true";

    public long IntegerValue => long.Parse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public double FloatValue => double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The value as Python's repr() prints it, for Datasette-compatible messages.</summary>
    public string PythonRepr => Kind switch
    {
        ScalarKind.Null => "None",
        ScalarKind.Boolean => BooleanValue ? "True" : "False",
        ScalarKind.String => "'" + Text.Replace("\\", "\\\\").Replace("'", "\\'") + "'",
        _ => Text,
    };

    public static ConfigScalar String(string text, SourceSpan span) => new(ScalarKind.String, text, span);
}
