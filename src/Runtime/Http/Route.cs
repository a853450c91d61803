using System.Text.RegularExpressions;

namespace Datasette.Gen.Runtime.Http;

/// <summary>Answers a routed request; whatever it needs beyond the request was bound when the route table was built.</summary>
internal delegate Task RouteHandler(DatasetteRequest request);

/// <summary>
/// A path pattern (anchored regex over the raw path) and the view that answers it. Routes answer
/// GET and HEAD; <paramref name="AllowPost"/> routes also take POST (CSRF-checked first);
/// <paramref name="AnyMethod"/> routes (plugin pages) take every method and decide themselves.
/// </summary>
internal sealed record Route(string Name, Regex Pattern, RouteHandler Handler, bool AllowPost = false, bool AnyMethod = false);
