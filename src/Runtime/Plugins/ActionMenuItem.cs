namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// An item of a page's action menu (the <c>*_actions</c> hooks): a link (<see cref="Link"/>, Datasette's
/// <c>{"href", "label", "description"}</c>) or a button for the page's scripts (<see cref="Button"/>,
/// Datasette's <c>{"type": "button", "label", "description", "attrs"}</c>).
/// </summary>
public sealed record ActionMenuItem
{
    private ActionMenuItem(string label, string? href, string? description, IReadOnlyList<KeyValuePair<string, string>>? attributes)
    {
        Label = label;
        Href = href;
        Description = description;
        Attributes = attributes ?? [];
    }

    public string Label { get; }

    /// <summary>Where the link goes; null for a button.</summary>
    public string? Href { get; }

    /// <summary>A second line under the label, or null.</summary>
    public string? Description { get; }

    /// <summary>A button's extra attributes (e.g. <c>data-*</c> for a script to find it); names must be plain attribute names.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Attributes { get; }

    public bool IsButton => Href is null;

    public static ActionMenuItem Link(string href, string label, string? description = null) =>
        new(label, href ?? throw new ArgumentNullException(nameof(href)), description, null);

    /// <summary>A button; each attribute name must be a plain HTML attribute name (letters, digits, <c>-</c>, <c>_</c>, <c>:</c>, <c>.</c>).</summary>
    public static ActionMenuItem Button(string label, string? description = null, IEnumerable<KeyValuePair<string, string>>? attributes = null)
    {
        var list = attributes?.ToList();
        foreach (var (name, _) in list ?? [])
        {
            if (!IsAttributeName(name))
            {
                throw new ArgumentException($"'{name}' is not a plain HTML attribute name", nameof(attributes));
            }
        }
        return new(label, null, description, list);
    }

    // Names are written unescaped (values are escaped), so anything that could close the tag is refused.
    private static bool IsAttributeName(string name) =>
        name.Length > 0 && char.IsAsciiLetter(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.');
}
