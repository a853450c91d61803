using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// Work a page registers while it is being built (plugin menus are asynchronous) and that
/// <see cref="HtmlResponse"/> finishes before it sets the status and starts streaming: a plugin that fails
/// then fails the request with an error page, instead of cutting a 200 page short. Nothing is
/// allocated for a request that registers nothing.
/// </summary>
internal static class PagePreparation
{
    private static readonly object Key = new();

    public static void Add(HttpContext context, Func<ValueTask> work)
    {
        if (context.Items.TryGetValue(Key, out var existing) && existing is List<Func<ValueTask>> list)
        {
            list.Add(work);
            return;
        }
        context.Items[Key] = new List<Func<ValueTask>> { work };
    }

    public static async ValueTask RunAsync(HttpContext context)
    {
        if (!context.Items.Remove(Key, out var pending) || pending is not List<Func<ValueTask>> list)
        {
            return;
        }
        foreach (var work in list)
        {
            await work().ConfigureAwait(false);
        }
    }

    /// <summary>An error page drops what the failed page registered; it shows no plugin menus (as Datasette's does not).</summary>
    public static void Discard(HttpContext context) => context.Items.Remove(Key);
}
