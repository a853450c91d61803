namespace Datasette.Gen.Runtime.Html;

/// <summary>The model of <c>index.html</c>: the instance's heading and its databases.</summary>
public interface IIndexPage : IPage
{
    /// <summary>The metadata <c>title</c>, or "Datasette".</summary>
    string Heading { get; }

    /// <summary>Trusted HTML (<c>description_html</c>) or the escaped <c>description</c>, or null.</summary>
    string? DescriptionHtml { get; }

    /// <summary>The databases the actor may view, in order.</summary>
    IReadOnlyList<IIndexDatabase> Databases { get; }
}

/// <summary>One database on the index: its summary line and its first tables and views.</summary>
public interface IIndexDatabase
{
    string Name { get; }

    string Url { get; }

    /// <summary>"1,260 rows in 23 tables, 4 views".</summary>
    string Summary { get; }

    /// <summary>The first tables and views (label: the name).</summary>
    IReadOnlyList<ILink> Tables { get; }
}
