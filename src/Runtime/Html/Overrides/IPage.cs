namespace Datasette.Gen.Runtime.Html;

/// <summary>What every page gives its template (docs/templates.md): the rest is per page.</summary>
public interface IPage
{
    /// <summary>The page's <c>&lt;title&gt;</c>.</summary>
    string Title { get; }
}

/// <summary>A link: its text and its URL (base URL included).</summary>
public interface ILink
{
    string Label { get; }

    string Url { get; }
}
