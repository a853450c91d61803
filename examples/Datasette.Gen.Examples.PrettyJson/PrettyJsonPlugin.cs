using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Datasette.Gen.Runtime.Plugins;

namespace Datasette.Gen.Examples.PrettyJson;

/// <summary>
/// What the datasette-pretty-json plugin does: a cell whose text is a JSON object or array is shown
/// indented in a <c>&lt;pre&gt;</c> on the HTML pages; anything else is left to the default rendering.
/// </summary>
[DatasettePlugin("datasette-pretty-json")]
public static class PrettyJsonPlugin
{
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        IndentSize = 4,
        // The text is HTML-escaped as a whole below; the JSON escaper need not turn non-ASCII into \u sequences.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [DatasetteHook]
    public static Markup? RenderCell(object? value)
    {
        if (value is not string text)
        {
            return null;
        }
        var trimmed = text.AsSpan().Trim();
        var bracketed = trimmed.Length >= 2
            && ((trimmed[0] == '{' && trimmed[^1] == '}') || (trimmed[0] == '[' && trimmed[^1] == ']'));
        if (!bracketed)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, Indented))
            {
                document.RootElement.WriteTo(writer);
            }
            var pretty = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            return Markup.Trusted("<pre class=\"pretty-json\">" + Markup.Escape(pretty) + "</pre>");
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
