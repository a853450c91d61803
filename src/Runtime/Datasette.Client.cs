using Datasette.Gen.Runtime.Client;
using Datasette.Gen.Runtime.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Datasette.Gen.Runtime;

public sealed partial class Datasette
{
    private DatasetteClient? _client;
    private RequestPipeline? _pipeline;

    /// <summary><c>datasette.client</c>: requests through this instance's own pipeline, without a socket.</summary>
    public DatasetteClient Client => _client ??= new DatasetteClient(this);

    /// <summary>True when the code running now is inside a <see cref="Client"/> request (whatever its permission settings).</summary>
    public bool InClient() => Client.InClient;

    /// <summary>The request pipeline over <see cref="Routes"/>; the server makes it with its logger before serving.</summary>
    internal RequestPipeline Pipeline => _pipeline ??= CreatePipeline(NullLogger.Instance);

    /// <summary>The pipeline, given the collaborators it uses; every request of this instance (served or <see cref="Client"/>) goes through it.</summary>
    internal RequestPipeline CreatePipeline(ILogger logger) =>
        _pipeline = new RequestPipeline(Settings, Permissions, Signer, ActorFromRequestAsync, Cors, new Router(Routes), logger,
            (request, status, message, title) => Endpoints.Pages.ErrorPages.SendAsync(request, this, status, message, title),
            CreatePipelineHooks());
}
