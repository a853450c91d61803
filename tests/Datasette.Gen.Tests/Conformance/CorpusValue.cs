using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;

namespace Datasette.Gen.Tests.Conformance;

/// <summary>
/// A JSON value as the corpus comparer sees it. Unlike a JsonElement it keeps whether a number was
/// written as an integer or a float (Datasette's 1 and 1.0 are different answers), it holds
/// Python's Infinity, -Infinity and NaN, which the recordings contain outside strings, and the
/// normalisation rules can rebuild it.
/// </summary>
internal abstract class CorpusValue
{
    /// <summary>Python-flavoured JSON text, for failure messages.</summary>
    public abstract void Render(StringBuilder text);

    public sealed override string ToString()
    {
        var text = new StringBuilder();
        Render(text);
        return text.ToString();
    }
}

/// <summary>Members in document order.</summary>
internal sealed class ObjectValue(IReadOnlyList<KeyValuePair<string, CorpusValue>> members) : CorpusValue
{
    public IReadOnlyList<KeyValuePair<string, CorpusValue>> Members { get; } = members;

    public CorpusValue? this[string key] => Members.FirstOrDefault(m => m.Key == key).Value;

    public override void Render(StringBuilder text)
    {
        text.Append('{');
        for (var i = 0; i < Members.Count; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(CorpusJson.Quote(Members[i].Key)).Append(": ");
            Members[i].Value.Render(text);
        }
        text.Append('}');
    }
}

internal sealed class ArrayValue(IReadOnlyList<CorpusValue> items) : CorpusValue
{
    public IReadOnlyList<CorpusValue> Items { get; } = items;

    public override void Render(StringBuilder text)
    {
        text.Append('[');
        for (var i = 0; i < Items.Count; i++)
        {
            text.Append(i == 0 ? "" : ", ");
            Items[i].Render(text);
        }
        text.Append(']');
    }
}

internal sealed class StringValue(string value) : CorpusValue
{
    public string Value { get; } = value;

    public override void Render(StringBuilder text) => text.Append(CorpusJson.Quote(Value));
}

internal sealed class IntegerValue(BigInteger value) : CorpusValue
{
    public BigInteger Value { get; } = value;

    public override void Render(StringBuilder text) => text.Append(Value.ToString(CultureInfo.InvariantCulture));
}

internal sealed class FloatValue(double value) : CorpusValue
{
    public double Value { get; } = value;

    public override void Render(StringBuilder text)
    {
        if (double.IsNaN(Value) || double.IsInfinity(Value))
        {
            text.Append(double.IsNaN(Value) ? "NaN" : Value > 0 ? "Infinity" : "-Infinity");
            return;
        }
        // Python's repr: 1e+308 rather than 1E+308, and a float always shows it is one (2.0).
        var shortest = Value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        text.Append(shortest).Append(shortest.Contains('.') || shortest.Contains('e') ? "" : ".0");
    }
}

internal sealed class BooleanValue(bool value) : CorpusValue
{
    public bool Value { get; } = value;

    public override void Render(StringBuilder text) => text.Append(Value ? "true" : "false");
}

internal sealed class NullValue : CorpusValue
{
    public static NullValue Instance { get; } = new();

    public override void Render(StringBuilder text) => text.Append("null");
}
