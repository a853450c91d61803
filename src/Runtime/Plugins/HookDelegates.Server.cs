using Datasette.Gen.Runtime.Http;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Plugins;

// The Server group's hook shapes: what the generated wiring adapts each implementation to.

public delegate ValueTask<DatasetteResponse?> ForbiddenHook(Datasette datasette, DatasetteRequest request, string message);

public delegate ValueTask<DatasetteResponse?> HandleExceptionHook(Datasette datasette, DatasetteRequest request, Exception exception);

public delegate IEnumerable<DatasetteEventType>? RegisterEventsHook(Datasette datasette);

public delegate IEnumerable<WriteWrapper>? WriteWrapperHook(Datasette datasette, string database, DatasetteRequest? request, bool transaction);

public delegate IEnumerable<Func<RequestDelegate, RequestDelegate>>? AsgiWrapperHook(Datasette datasette);

public delegate IEnumerable<PluginCommand>? RegisterCommandsHook();
