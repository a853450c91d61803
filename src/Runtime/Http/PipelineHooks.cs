using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// What plugins add to the request pipeline (the facade builds it from the registry; null members
/// when no plugin implements the hook, so the pipeline does what it did without them).
/// </summary>
/// <param name="Forbidden">forbidden: a response in place of the 403, or null for the default.</param>
/// <param name="HandleException">handle_exception: a response in place of the error page or JSON, or null.</param>
/// <param name="Wrappers">asgi_wrapper middleware, innermost first.</param>
/// <param name="TrackRequest">Whether hooks read <see cref="CurrentRequest"/> (write_wrapper).</param>
internal sealed record PipelineHooks(
    Func<DatasetteRequest, string, ValueTask<DatasetteResponse?>>? Forbidden,
    Func<DatasetteRequest, Exception, ValueTask<DatasetteResponse?>>? HandleException,
    IReadOnlyList<Func<RequestDelegate, RequestDelegate>> Wrappers,
    bool TrackRequest);
