namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// A write request refused with Datasette's <c>Response.error</c>: always JSON, whatever the path,
/// <c>{"ok": false, "error": errors joined by "; ", "errors": [...], "status": N}</c>.
/// </summary>
internal sealed class WriteApiException(int status, IReadOnlyList<string> errors) : Exception(string.Join("; ", errors))
{
    public WriteApiException(int status, string error)
        : this(status, new[] { error })
    {
    }

    public int Status { get; } = status;

    public IReadOnlyList<string> Errors { get; } = errors;

    public static WriteApiException BadRequest(string error) => new(400, error);

    public static WriteApiException Forbidden(string error) => new(403, error);

    public static WriteApiException NotFound(string error) => new(404, error);
}
