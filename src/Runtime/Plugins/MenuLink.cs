namespace Datasette.Gen.Runtime.Plugins;

/// <summary>An item a <c>menu_links</c> hook adds to the navigation menu (Datasette's <c>{"href", "label"}</c>).</summary>
public sealed record MenuLink(string Href, string Label);
