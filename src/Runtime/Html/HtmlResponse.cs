using System.IO.Pipelines;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using RazorSlices;

namespace Datasette.Gen.Runtime.Html;

/// <summary>Sends a rendered slice as the response, streamed to the response body as it renders.</summary>
internal static class HtmlResponse
{
    public const string ContentType = "text/html; charset=utf-8";

    /// <summary>Escapes markup characters only (<see cref="PageHtmlEncoder"/>): the page is UTF-8, so text in any script stays readable.</summary>
    internal static readonly HtmlEncoder Encoder = PageHtmlEncoder.Instance;

    private static readonly StreamPipeWriterOptions WriterOptions = new(minimumBufferSize: 16 * 1024, leaveOpen: true);

    /// <summary>
    /// Renders the whole page first and sends it with a Content-Length: for error pages, which
    /// may answer a request whose body Kestrel rejected, where a chunked reply is not wanted.
    /// </summary>
    public static async Task SendBufferedAsync(HttpContext context, RazorSlice slice, int status)
    {
        using (slice)
        {
            PagePreparation.Discard(context);
            using var buffer = new MemoryStream();
            var writer = PipeWriter.Create(buffer, WriterOptions);
            await slice.RenderAsync(writer, Encoder, context.RequestAborted).ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
            context.Response.StatusCode = status;
            context.Response.ContentType = ContentType;
            context.Response.ContentLength = buffer.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    public static async Task SendAsync(HttpContext context, RazorSlice slice, int status = 200)
    {
        using (slice)
        {
            await PagePreparation.RunAsync(context).ConfigureAwait(false);
            context.Response.StatusCode = status;
            context.Response.ContentType = ContentType;
            if (HttpMethods.IsHead(context.Request.Method))
            {
                return;
            }
            // A writer over the current Body, not Response.BodyWriter: the response cache swaps Body for a
            // capturing stream, and the body feature's own writer would not follow the swap.
            await using var body = new PageBodyBuffer(context.Response);
            var writer = PipeWriter.Create(body, WriterOptions);
            try
            {
                await slice.RenderAsync(writer, Encoder, context.RequestAborted).ConfigureAwait(false);
            }
            finally
            {
                await writer.CompleteAsync().ConfigureAwait(false);
            }
            // Not reached when rendering fails: a page that failed while held was never started, and the error page can still answer.
            await body.FinishAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }
}
