using RazorSlices;

namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// The pages' slice base. A page writes many short values with nothing to escape (column names, labels, URLs):
/// RazorSlices copies each through the encoder into a buffer before transcoding it. Such a value is written straight
/// as UTF-8 here, decided by the same encoder the pages render with (<see cref="HtmlResponse.Encoder"/>); any other
/// value takes the encoder's way as before, so the bytes are the same.
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

    internal static unsafe bool NothingToEscape(string value)
    {
        fixed (char* text = value)
        {
            return HtmlResponse.Encoder.FindFirstCharacterToEncode(text, value.Length) < 0;
        }
    }
}
