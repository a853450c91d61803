using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>forbidden(datasette, request, message)</c>: called instead of answering 403 (a
/// failed permission check). The first plugin to return a response (a redirect to a login page,
/// say) answers; when every plugin returns null the default 403 JSON envelope or HTML page goes out.
/// </summary>
public interface IForbidden
{
    ValueTask<DatasetteResponse?> ForbiddenAsync(Datasette datasette, DatasetteRequest request, string message);
}
