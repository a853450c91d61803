using System.Text;
using System.Text.Json;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime.Endpoints.Pages;

/// <summary>
/// What the instance-level auth and debug pages (html-ui.md §9) share: their chrome, the tab bar
/// of the permission tools, and the JSON data views whose HTML form shows their JSON.
/// </summary>
internal static class DebugPages
{
    /// <summary>An instance page's chrome: no database, no crumbs but home, the named template.</summary>
    public static PageChrome Chrome(DatasetteRequest request, Datasette datasette, string title, string template, bool alternateJson = false) =>
        PageChromes.Build(request, datasette, title, PageChromes.BodyClass("debug"), ["*" + template], alternateJson: alternateJson);

    /// <summary>
    /// A JSON data view (<c>/-/versions</c>, <c>/-/settings</c>, …): with <c>.json</c> the object with
    /// <c>"ok": true</c> first; otherwise the page headed <c>name.json</c> showing the same object.
    /// </summary>
    public static Task SendDataAsync(DatasetteRequest request, Datasette datasette, string name, Action<Utf8JsonWriter> writeProperties)
    {
        if (WantsJson(request))
        {
            return DataViews.SendAsync(request, name, writeProperties);
        }
        return SendDataPageAsync(request, datasette, name, writer =>
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        });
    }

    /// <summary>The page headed <c>name.json</c> showing <paramref name="writeValue"/>'s JSON, indented.</summary>
    public static Task SendDataPageAsync(DatasetteRequest request, Datasette datasette, string name, Action<Utf8JsonWriter> writeValue)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JsonBody.WriterOptions.Encoder }))
        {
            writeValue(writer);
        }
        var fileName = name + ".json";
        var model = new JsonDataPageModel
        {
            Chrome = Chrome(request, datasette, fileName, "show_json.html", alternateJson: true),
            FileName = fileName,
            JsonUrl = datasette.Urls.Path("-/" + fileName).Value,
            Json = Encoding.UTF8.GetString(buffer.WrittenSpan),
        };
        return HtmlResponse.SendAsync(request.Context, DebugSlices.JsonData(model));
    }

    public static bool WantsJson(DatasetteRequest request) =>
        request.Format == "json" || request.Path.EndsWith(".json", StringComparison.Ordinal);

    /// <summary>The permission tools' tab bar, those the actor may open.</summary>
    public static DebugTabs Tabs(DatasetteRequest request, Datasette datasette, string current)
    {
        var urls = datasette.Urls;
        var debug = request.Allowed("permissions-debug");
        var tabs = new List<LinkItem>();
        if (debug && request.Allowed("view-instance"))
        {
            tabs.Add(new LinkItem("Playground", urls.Path("-/permissions").Value));
        }
        if (debug)
        {
            tabs.Add(new LinkItem("Check", urls.Path("-/check").Value));
        }
        tabs.Add(new LinkItem("Allowed", urls.Path("-/allowed").Value));
        if (debug && request.Allowed("view-instance"))
        {
            tabs.Add(new LinkItem("Rules", urls.Path("-/rules").Value));
        }
        if (debug)
        {
            tabs.Add(new LinkItem("Actions", urls.Path("-/actions").Value));
        }
        tabs.Add(new LinkItem("Allow debug", urls.Path("-/allow-debug").Value));
        return new DebugTabs(tabs, current);
    }
}
