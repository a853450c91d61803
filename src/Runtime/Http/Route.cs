using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Datasette.Gen.Runtime.Http;

public delegate Task RouteHandler(DatasetteRequest request, Datasette datasette);

/// <summary>A path pattern (anchored regex over the raw path) and the view that answers it.</summary>
public sealed record Route(string Name, Regex Pattern, RouteHandler Handler);
