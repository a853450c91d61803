using Datasette.Gen.Generator.Model;

namespace Datasette.Gen.Generator.Parsing;

internal static partial class HookCatalog
{
    /// <summary>The hooks around the server: forbidden, exceptions, events, writes, middleware, commands.</summary>
    private static IEnumerable<HookDefinition> ServerHooks()
    {
        // Locals, not fields: the groups' files share one class, and its static fields initialise in file order.
        const string Response = "Datasette.Gen.Runtime.Http.DatasetteResponse";
        var request = new HookParameter("request", "Datasette.Gen.Runtime.Http.DatasetteRequest", "DatasetteRequest");
        return new[]
        {
            new HookDefinition("forbidden", "Forbidden", Hooks + "IForbidden", "ForbiddenAsync", ReturnShape.ValueTaskOfValue, "AddForbidden",
                new[] { Datasette, request, new HookParameter("message", "System.String", "string") },
                HookResult.AsyncValue, Response, "DatasetteResponse"),
            new HookDefinition("handle_exception", "HandleException", Hooks + "IHandleException", "HandleExceptionAsync", ReturnShape.ValueTaskOfValue, "AddHandleException",
                new[] { Datasette, request, new HookParameter("exception", "System.Exception", "Exception") },
                HookResult.AsyncValue, Response, "DatasetteResponse"),
            new HookDefinition("register_events", "RegisterEvents", Hooks + "IRegisterEvents", "RegisterEvents", ReturnShape.Enumerable, "AddRegisterEvents",
                new[] { Datasette }, HookResult.Many, "Datasette.Gen.Runtime.Plugins.DatasetteEventType", "DatasetteEventType"),
            new HookDefinition("write_wrapper", "WriteWrapper", Hooks + "IWriteWrapper", "WriteWrapper", ReturnShape.Value, "AddWriteWrapper",
                new[]
                {
                    Datasette,
                    new HookParameter("database", "System.String", "string"),
                    new HookParameter("request", "Datasette.Gen.Runtime.Http.DatasetteRequest", "DatasetteRequest?"),
                    new HookParameter("transaction", "System.Boolean", "bool"),
                },
                HookResult.Many, "Datasette.Gen.Runtime.Plugins.WriteWrapper", "WriteWrapper"),
            new HookDefinition("asgi_wrapper", "AsgiWrapper", Hooks + "IAsgiWrapper", "AsgiWrapper", ReturnShape.Value, "AddAsgiWrapper",
                new[] { Datasette }, HookResult.Many,
                "System.Func`2[Microsoft.AspNetCore.Http.RequestDelegate,Microsoft.AspNetCore.Http.RequestDelegate]", "Func<RequestDelegate, RequestDelegate>"),
            new HookDefinition("register_commands", "RegisterCommands", Hooks + "IRegisterCommands", "RegisterCommands", ReturnShape.Enumerable, "AddRegisterCommands",
                System.Array.Empty<HookParameter>(), HookResult.Many, "Datasette.Gen.Runtime.Plugins.PluginCommand", "PluginCommand"),
        };
    }
}
