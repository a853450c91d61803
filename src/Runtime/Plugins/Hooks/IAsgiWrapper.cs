using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>asgi_wrapper(datasette)</c>: middleware around the whole request pipeline (every
/// response: pages, JSON, static files, errors, plugin routes, <see cref="Datasette.Client"/>
/// requests). Given the next delegate, return the one that replaces it. Wrappers apply in plugin
/// order, each around the ones before it, so the last plugin's is outermost. To change the headers
/// of every response, including error pages (which clear the headers set before them), use
/// <c>context.Response.OnStarting</c>.
/// </summary>
public interface IAsgiWrapper
{
    Func<RequestDelegate, RequestDelegate>? AsgiWrapper(Datasette datasette);
}
