using RazorSlices;

namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// The pages' slice base. A page writes many short values with nothing to escape (column names, labels, URLs):
/// RazorSlices copies each through the encoder into a buffer before transcoding it. Such a value is written straight
/// as UTF-8 here, decided by the same encoder the pages render with (<see cref="HtmlResponse.Encoder"/>); any other
/// value takes the encoder's way as before, so the bytes are the same. Attribute values take the same way: RazorSlices
/// keeps an attribute's state to itself and sends every value through the encoder, so the three calls the Razor
/// compiler makes for an attribute are replaced here with the same rules (a lone value that is null or false leaves the
/// attribute out, a lone true writes the attribute's name) and this class's <see cref="Write(string)"/>.
/// </summary>
internal abstract class PageSlice<TModel> : RazorSlice<TModel>
{
    /// <summary>Hides <see cref="RazorSlice.Write(string)"/>, which the Razor compiler calls for each <c>@value</c> of type string.</summary>
    protected new void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        if (NothingToEscape(value))
        {
            WriteHtml(value);
            return;
        }
        base.Write(value);
    }

    private string _attributeName = "";
    private string _attributePrefix = "";
    private string _attributeSuffix = "";
    private int _attributeValues;
    private bool _attributeLeftOut;

    protected override void BeginWriteAttribute(string name, string prefix, int prefixOffset, string suffix, int suffixOffset, int attributeValuesCount)
    {
        _attributeName = name;
        _attributePrefix = prefix;
        _attributeSuffix = suffix;
        _attributeValues = attributeValuesCount;
        _attributeLeftOut = false;
        // A lone value decides whether the attribute is written at all: its prefix waits for it.
        if (attributeValuesCount != 1)
        {
            WriteLiteral(prefix);
        }
    }

    /// <summary>Hides <see cref="RazorSlice.WriteAttributeValue{TValue}"/>: one part of an attribute's value.</summary>
    protected new void WriteAttributeValue<TValue>(string prefix, int prefixOffset, TValue? value, int valueOffset, int valueLength, bool isLiteral)
    {
        var writeName = false;
        if (_attributeValues == 1)
        {
            if (string.IsNullOrEmpty(prefix) && (value is null || value is false))
            {
                _attributeLeftOut = true;
                return;
            }
            WriteLiteral(_attributePrefix);
            writeName = string.IsNullOrEmpty(prefix) && value is true;
        }
        if (value is null && !writeName)
        {
            return;
        }
        WriteLiteral(prefix);
        if (writeName)
        {
            WritePart(_attributeName, isLiteral);
        }
        else if (value is string text)
        {
            WritePart(text, isLiteral);
        }
        else if (isLiteral)
        {
            WriteLiteral(value);
        }
        else
        {
            Write(value);
        }
    }

    protected override void EndWriteAttribute()
    {
        if (!_attributeLeftOut)
        {
            WriteLiteral(_attributeSuffix);
        }
    }

    private void WritePart(string text, bool isLiteral)
    {
        if (isLiteral)
        {
            WriteLiteral(text);
        }
        else
        {
            Write(text);
        }
    }

    internal static unsafe bool NothingToEscape(string value)
    {
        fixed (char* text = value)
        {
            return HtmlResponse.Encoder.FindFirstCharacterToEncode(text, value.Length) < 0;
        }
    }
}
