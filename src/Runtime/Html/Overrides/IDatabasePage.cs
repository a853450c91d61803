namespace Datasette.Gen.Runtime.Html;

/// <summary>The model of <c>database-DB.html</c> and <c>database.html</c>.</summary>
public interface IDatabasePage : IPage
{
    string Database { get; }

    string Heading { get; }

    /// <summary>Trusted HTML (<c>description_html</c>) or the escaped <c>description</c>, or null.</summary>
    string? DescriptionHtml { get; }

    /// <summary>The tables the actor may view (label: the name), hidden ones only with <c>?_show_hidden=1</c>.</summary>
    IReadOnlyList<ILink> Tables { get; }

    /// <summary>The views (label: the name).</summary>
    IReadOnlyList<ILink> Views { get; }

    /// <summary>The stored queries listed (label: the title or name).</summary>
    IReadOnlyList<ILink> Queries { get; }
}
