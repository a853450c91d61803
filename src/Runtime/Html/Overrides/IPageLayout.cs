namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// The model of <c>base.html</c>, the layout around every page: what it shows itself. The built-in
/// pieces (head, header, messages, the page's content, footer) are rendered by
/// <c>DatasetteTemplate</c>'s layout methods.
/// </summary>
public interface IPageLayout : IPage
{
    /// <summary>The page-type classes for <c>&lt;body&gt;</c> (<c>table db-fixtures table-facetable</c>).</summary>
    string BodyClass { get; }

    /// <summary>The instance's base URL (<c>base_url</c>), ending in a slash.</summary>
    string BaseUrl { get; }

    /// <summary>The breadcrumbs, instance first.</summary>
    IReadOnlyList<ILink> Crumbs { get; }

    /// <summary>The signed-in actor's display name, or null.</summary>
    string? ActorName { get; }
}
