using System.Globalization;
using System.Text;

namespace Datasette.Gen.Configuration.OpenApi;

/// <summary>
/// A small forward-only JSON writer (netstandard2.0 has no System.Text.Json) that places commas
/// itself. It can also write the members of an object without its braces, which is how the
/// document's parts are kept and spliced together.
/// </summary>
public sealed class OpenApiJsonWriter
{
    private readonly StringBuilder _builder = new();
    // One entry per open container: has it written an item yet?
    private readonly List<bool> _hasItems = new();
    private bool _afterName;

    /// <summary>A writer for bare object members (<c>"a": 1, "b": 2</c>), as parts hold them.</summary>
    public static OpenApiJsonWriter Members()
    {
        var writer = new OpenApiJsonWriter();
        writer._hasItems.Add(false);
        return writer;
    }

    public OpenApiJsonWriter StartObject()
    {
        BeforeValue();
        _builder.Append('{');
        _hasItems.Add(false);
        return this;
    }

    public OpenApiJsonWriter EndObject()
    {
        _hasItems.RemoveAt(_hasItems.Count - 1);
        _builder.Append('}');
        return this;
    }

    public OpenApiJsonWriter StartArray()
    {
        BeforeValue();
        _builder.Append('[');
        _hasItems.Add(false);
        return this;
    }

    public OpenApiJsonWriter EndArray()
    {
        _hasItems.RemoveAt(_hasItems.Count - 1);
        _builder.Append(']');
        return this;
    }

    public OpenApiJsonWriter Name(string name)
    {
        Separate();
        WriteString(_builder, name);
        _builder.Append(':');
        _afterName = true;
        return this;
    }

    public OpenApiJsonWriter String(string? value)
    {
        BeforeValue();
        if (value is null)
        {
            _builder.Append("null");
        }
        else
        {
            WriteString(_builder, value);
        }
        return this;
    }

    public OpenApiJsonWriter Number(long value)
    {
        BeforeValue();
        _builder.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public OpenApiJsonWriter Boolean(bool value)
    {
        BeforeValue();
        _builder.Append(value ? "true" : "false");
        return this;
    }

    public OpenApiJsonWriter Null()
    {
        BeforeValue();
        _builder.Append("null");
        return this;
    }

    /// <summary>A value already written as JSON.</summary>
    public OpenApiJsonWriter RawValue(string json)
    {
        BeforeValue();
        _builder.Append(json);
        return this;
    }

    /// <summary>Object members already written as JSON (a part); nothing when empty.</summary>
    public OpenApiJsonWriter RawMembers(string members)
    {
        if (members.Length > 0)
        {
            Separate();
            _builder.Append(members);
        }
        return this;
    }

    public OpenApiJsonWriter Property(string name, string? value) => Name(name).String(value);

    public OpenApiJsonWriter Property(string name, long value) => Name(name).Number(value);

    public OpenApiJsonWriter Property(string name, bool value) => Name(name).Boolean(value);

    /// <summary><c>"$ref": "#/components/{section}/{key}"</c> inside an open object.</summary>
    public OpenApiJsonWriter Ref(string section, string key) => Property("$ref", "#/components/" + section + "/" + key);

    /// <summary>A whole <c>{"$ref": …}</c> object.</summary>
    public OpenApiJsonWriter RefObject(string section, string key) => StartObject().Ref(section, key).EndObject();

    public OpenApiJsonWriter Strings(string name, IEnumerable<string> values)
    {
        Name(name).StartArray();
        foreach (var value in values)
        {
            String(value);
        }
        return EndArray();
    }

    public override string ToString() => _builder.ToString();

    /// <summary>A JSON string: quotes, backslashes and control characters escaped, other text kept as is.</summary>
    public static void WriteString(StringBuilder builder, string value) =>
        JsonString.Append(builder, value, JsonStringEscapes.SafeUtf8);

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }
        Separate();
    }

    private void Separate()
    {
        if (_hasItems.Count == 0)
        {
            return;
        }
        var last = _hasItems.Count - 1;
        if (_hasItems[last])
        {
            _builder.Append(',');
        }
        _hasItems[last] = true;
    }
}
