namespace Datasette.Gen.Runtime.Html;

// The models of the instance's auth and debug pages, by Datasette's template names. Each holds what
// its built-in page shows, already decided by the endpoint (permissions, defaults, results).

/// <summary><c>show_json.html</c>: <c>/-/versions</c>, <c>/-/settings</c> and the other JSON data pages.</summary>
public interface IJsonDataPage : IPage
{
    /// <summary>The file-style heading, <c>versions.json</c>.</summary>
    string FileName { get; }

    string JsonUrl { get; }

    /// <summary>The page's JSON, indented.</summary>
    string Json { get; }
}

/// <summary><c>logout.html</c>.</summary>
public interface ILogoutPage : IPage
{
    string ActorName { get; }

    /// <summary>Where the log-out form posts.</summary>
    string LogoutUrl { get; }
}

/// <summary><c>messages_debug.html</c>.</summary>
public interface IMessagesDebugPage : IPage
{
    /// <summary>Where the message form posts.</summary>
    string FormUrl { get; }
}

/// <summary><c>create_token.html</c>: the form and, after a POST, the token it made.</summary>
public interface ICreateTokenPage : IPage
{
    string FormUrl { get; }

    string ActorName { get; }

    IReadOnlyList<string> Errors { get; }

    /// <summary>The token made, or null before the form is posted.</summary>
    string? Token { get; }

    /// <summary>The token's decoded payload as indented JSON, or null.</summary>
    string? TokenDetails { get; }
}

/// <summary><c>allow_debug.html</c>.</summary>
public interface IAllowDebugPage : IPage
{
    /// <summary>The actor JSON as entered.</summary>
    string Actor { get; }

    /// <summary>The allow block JSON as entered.</summary>
    string Allow { get; }

    /// <summary>The problems with the input; empty when <see cref="Result"/> holds.</summary>
    IReadOnlyList<string> Errors { get; }

    bool Result { get; }
}

/// <summary><c>debug_actions.html</c>.</summary>
public interface IActionsDebugPage : IPage
{
    string JsonUrl { get; }

    IReadOnlyList<IDebugAction> Actions { get; }
}

/// <summary>One registered action.</summary>
public interface IDebugAction
{
    string Name { get; }

    string? Abbr { get; }

    string? Description { get; }

    bool TakesParent { get; }

    bool TakesChild { get; }

    string? ResourceClass { get; }

    string? AlsoRequires { get; }
}

/// <summary><c>debug_allowed.html</c>, <c>debug_rules.html</c> and <c>debug_check.html</c>: a form that asks the page's JSON twin.</summary>
public interface IPermissionToolPage : IPage
{
    string Heading { get; }

    string Intro { get; }

    string JsonUrl { get; }

    IReadOnlyList<string> ActionNames { get; }
}

/// <summary><c>debug_permissions_playground.html</c>: the check form and the recent checks.</summary>
public interface IPermissionsDebugPage : IPage
{
    string FormUrl { get; }

    /// <summary>The actor JSON the form starts with.</summary>
    string ActorJson { get; }

    IReadOnlyList<string> ActionNames { get; }

    IReadOnlyList<IPermissionCheck> Checks { get; }
}

/// <summary>One recent permission check.</summary>
public interface IPermissionCheck
{
    string When { get; }

    string Actor { get; }

    string Action { get; }

    string Resource { get; }

    bool Allowed { get; }
}

/// <summary><c>debug_autocomplete.html</c>.</summary>
public interface IAutocompleteDebugPage : IPage
{
    /// <summary>The database and table named in the form, or null.</summary>
    string? Database { get; }

    string? Table { get; }

    string? Error { get; }

    /// <summary>The table's <c>/-/autocomplete</c>, when one was named and found.</summary>
    string? AutocompleteUrl { get; }
}
