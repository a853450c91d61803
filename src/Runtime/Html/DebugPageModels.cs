namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// The auth and debug pages (html-ui.md §9). Each model holds what its page shows, already decided
/// by the endpoint (permissions, defaults, results); the slices only lay it out.
/// </summary>
internal sealed partial class JsonDataPageModel
{
    public required PageChrome Chrome { get; init; }

    /// <summary>The file-style heading, e.g. <c>versions.json</c>.</summary>
    public required string FileName { get; init; }

    public required string JsonUrl { get; init; }

    /// <summary>The page's JSON, indented.</summary>
    public required string Json { get; init; }
}

internal sealed partial class LogoutPageModel
{
    public required PageChrome Chrome { get; init; }

    public required string ActorName { get; init; }

    public required string LogoutUrl { get; init; }
}

internal sealed partial class MessagesPageModel
{
    public required PageChrome Chrome { get; init; }

    public required string FormUrl { get; init; }
}

/// <summary>The create-token form and, after a POST, the token it made.</summary>
internal sealed partial class CreateTokenPageModel
{
    public required PageChrome Chrome { get; init; }

    public required string FormUrl { get; init; }

    public required string ActorName { get; init; }

    public IReadOnlyList<string> Errors { get; init; } = [];

    public string? Token { get; init; }

    /// <summary>The token's decoded payload as indented JSON.</summary>
    public string? TokenDetails { get; init; }

    /// <summary>The posted expiry, kept in the form after an error.</summary>
    public string ExpireType { get; init; } = "";

    public string ExpireDuration { get; init; } = "";

    /// <summary>Restriction checkboxes for every action, instance-wide.</summary>
    public IReadOnlyList<TokenRestrictionBox> AllActions { get; init; } = [];

    /// <summary>Restriction checkboxes per database, then per table of that database.</summary>
    public IReadOnlyList<TokenRestrictionGroup> Databases { get; init; } = [];
}

/// <summary>One restriction checkbox: its form field name (<c>all:…</c>, <c>database:…</c>, <c>resource:…</c>) and label.</summary>
internal sealed record TokenRestrictionBox(string Name, string Label, bool Checked);

internal sealed record TokenRestrictionGroup(string Heading, IReadOnlyList<TokenRestrictionBox> Boxes);

/// <summary>The permission debug pages share a tab bar; <see cref="Current"/> is the page's own tab.</summary>
internal sealed record DebugTabs(IReadOnlyList<LinkItem> Tabs, string Current);

internal sealed partial class AllowDebugPageModel
{
    public required PageChrome Chrome { get; init; }

    public required DebugTabs Tabs { get; init; }

    public required string Actor { get; init; }

    public required string Allow { get; init; }

    /// <summary>The problems with the input, or empty when <see cref="Result"/> holds.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    public bool Result { get; init; }
}

internal sealed partial class ActionsPageModel
{
    public required PageChrome Chrome { get; init; }

    public required DebugTabs Tabs { get; init; }

    public required string JsonUrl { get; init; }

    public IReadOnlyList<ActionRow> Actions { get; init; } = [];
}

internal sealed partial record ActionRow(string Name, string? Abbr, string? Description, bool TakesParent, bool TakesChild, string? ResourceClass, string? AlsoRequires);

/// <summary>
/// <c>/-/allowed</c>, <c>/-/rules</c>, <c>/-/check</c>: a form that asks the page's JSON twin; the
/// browser shows the JSON, the script may show it in place.
/// </summary>
internal sealed partial class PermissionToolPageModel
{
    public required PageChrome Chrome { get; init; }

    public required DebugTabs Tabs { get; init; }

    public required string Heading { get; init; }

    public required string Intro { get; init; }

    public required string JsonUrl { get; init; }

    public IReadOnlyList<string> ActionNames { get; init; } = [];

    /// <summary>Text fields after the action select: name, label, hint.</summary>
    public IReadOnlyList<ToolField> Fields { get; init; } = [];
}

internal sealed record ToolField(string Name, string Label, string? Hint);

/// <summary><c>/-/permissions</c>: the check form and the recent checks.</summary>
internal sealed partial class PermissionsPageModel
{
    public required PageChrome Chrome { get; init; }

    public required DebugTabs Tabs { get; init; }

    public required string FormUrl { get; init; }

    public required string ActorJson { get; init; }

    public IReadOnlyList<string> ActionNames { get; init; } = [];

    public required string Filter { get; init; }

    public IReadOnlyList<LinkItem> FilterLinks { get; init; } = [];

    public IReadOnlyList<CheckRow> Checks { get; init; } = [];
}

internal sealed partial record CheckRow(string When, string Actor, string Action, string Resource, bool Allowed);
