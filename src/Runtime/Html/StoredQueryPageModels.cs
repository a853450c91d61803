namespace Datasette.Gen.Runtime.Html;

/// <summary><c>/-/queries</c> and <c>/{db}/-/queries</c> (html-ui.md §7): search, facet toggles, the list, the next page.</summary>
internal sealed partial class QueryListPageModel
{
    public required PageChrome Chrome { get; init; }

    /// <summary>The database listed, or null for every database (then each row names its database).</summary>
    public string? Database { get; init; }

    /// <summary>The list's own path: the search form submits here.</summary>
    public required string ListPath { get; init; }

    public string Search { get; init; } = "";

    /// <summary>The other filters in force, kept as hidden fields of the search form.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> KeptFilters { get; init; } = [];

    public IReadOnlyList<QueryListFacet> Facets { get; init; } = [];

    public IReadOnlyList<QueryListItem> Queries { get; init; } = [];

    public bool ShowPrivateNote { get; init; }

    public bool ShowTrustedNote { get; init; }

    public string? NextUrl { get; init; }
}

/// <summary>"Mode" or "Visibility" with its two values.</summary>
internal sealed record QueryListFacet(string Title, IReadOnlyList<QueryListFacetItem> Items);

/// <summary>A facet value: its count, and the link that turns it on, or off when it is <paramref name="Active"/>.</summary>
internal sealed record QueryListFacetItem(string Label, int Count, string Href, bool Active);

/// <summary>One listed query; <paramref name="ActorPrivate"/> draws the padlock.</summary>
internal sealed partial record QueryListItem(string Database, string DatabaseUrl, string Name, string Url, string Label, string? Description, string TitleText,
    string? OwnerId, bool IsWrite, bool IsPrivate, bool IsTrusted, bool ActorPrivate);

/// <summary>
/// The save form (<c>/{db}/-/queries/store</c>) and the edit form (<c>/{db}/{query}/-/edit</c>):
/// the fields, what the SQL does and whether the actor may, and Save disabled when it may not.
/// </summary>
internal sealed partial class QueryFormPageModel
{
    public required PageChrome Chrome { get; init; }

    public required string Heading { get; init; }

    public required string Database { get; init; }

    public required string DatabaseUrl { get; init; }

    public required string FormAction { get; init; }

    /// <summary>The saved query's page when editing (its URL cannot change), null on the save form.</summary>
    public string? QueryUrl { get; init; }

    public string Name { get; init; } = "";

    public string Title { get; init; } = "";

    public string Description { get; init; } = "";

    public string Sql { get; init; } = "";

    public bool IsPrivate { get; init; } = true;

    public bool HasSql { get; init; }

    public bool IsWrite { get; init; }

    public string? AnalysisError { get; init; }

    public IReadOnlyList<AnalysisRow> Analysis { get; init; } = [];

    public IReadOnlyList<string> Parameters { get; init; } = [];

    public bool SaveDisabled { get; init; }

    public required string SaveLabel { get; init; }
}

/// <summary>The confirmation before deleting a stored query.</summary>
internal sealed partial class QueryDeletePageModel
{
    public required PageChrome Chrome { get; init; }

    public required string Heading { get; init; }

    public required string QueryUrl { get; init; }

    public string? Description { get; init; }

    public required string Sql { get; init; }
}
