using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Datasette.Gen.Runtime.Http;

public delegate Task RouteHandler(DatasetteRequest request, Datasette datasette);

/// <summary>
/// A path pattern (anchored regex over the raw path) and the view that answers it. Routes answer
/// GET and HEAD; <paramref name="AllowPost"/> routes also take POST (CSRF-checked first);
/// <paramref name="AnyMethod"/> routes (plugin pages) take every method and decide themselves.
/// </summary>
public sealed record Route(string Name, Regex Pattern, RouteHandler Handler, bool AllowPost = false, bool AnyMethod = false);
