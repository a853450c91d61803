using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Permissions;

namespace Datasette.Gen.Runtime.Querying;

/// <summary>
/// What querying a table is given instead of the request: the parsed arguments, the settings and
/// configuration, the actor's permissions, and the page's own address (facet toggles link back
/// to it, with <see cref="Args"/> changed), and what the plugins' filters_from_request hooks add.
/// </summary>
internal sealed record QueryContext(
    QueryArgs Args,
    Settings Settings,
    DatasetteConfig Config,
    ActorPermissions Permissions,
    string Origin,
    string RawPath,
    IReadOnlyList<FilterArguments> PluginFilters);
