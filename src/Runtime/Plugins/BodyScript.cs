namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// JavaScript a plugin adds in a <c>&lt;script&gt;</c> element at the end of a page's body
/// (<c>extra_body_script</c>); <paramref name="Module"/> makes it <c>&lt;script type="module"&gt;</c>.
/// The text is the plugin's own code and is not HTML-escaped (that would break it); only a
/// <c>&lt;/script</c> inside it is written as <c>&lt;\/script</c>, so it cannot end the element early.
/// A string converts to a classic script.
/// </summary>
public sealed record BodyScript(string Script, bool Module = false)
{
    public static implicit operator BodyScript(string script) => new(script);
}
