using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>handle_exception(datasette, request, exception)</c>: called for every error a
/// request ends in (a 404, a 400 from bad SQL, an unexpected exception that would be a 500), except a
/// 403, which goes to <see cref="IForbidden"/>. Record it, and return a response to send in place of
/// the default error page or JSON, or null to keep the default. A hook that throws is logged and
/// skipped: the request still gets the default answer.
/// </summary>
public interface IHandleException
{
    ValueTask<DatasetteResponse?> HandleExceptionAsync(Datasette datasette, DatasetteRequest request, Exception exception);
}
