namespace Datasette.Gen.Runtime.Html;

/// <summary>JSON placed inside a <c>&lt;script&gt;</c> element.</summary>
internal static class ScriptJson
{
    /// <summary>No "&lt;/" may end the script element early; "&lt;\/" means the same in JSON.</summary>
    public static string Safe(string json) => json.Replace("</", "<\\/", StringComparison.Ordinal);
}
