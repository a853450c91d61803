using Datasette.Gen.Runtime.Client;
using Datasette.Gen.Runtime.Http;
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

    /// <summary>The request pipeline over <see cref="Routes"/>; the server sets its own (with its logger) before serving.</summary>
    public RequestPipeline Pipeline
    {
        get => _pipeline ??= new RequestPipeline(this, new Router(Routes), NullLogger.Instance);
        internal set => _pipeline = value;
    }
}
