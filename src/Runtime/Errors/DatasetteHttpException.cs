namespace Datasette.Gen.Runtime.Errors;

/// <summary>
/// A request that cannot be answered normally: becomes Datasette's error envelope (JSON when
/// the path ends in .json) with this status.
/// </summary>
public class DatasetteHttpException(int status, string message, string? title = null) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>The heading of the HTML error page (e.g. "Invalid SQL").</summary>
    public string? Title { get; } = title;

    public static DatasetteHttpException BadRequest(string message, string? title = null) => new(400, message, title);

    public static DatasetteHttpException NotFound(string message) => new(404, message);

    /// <summary>
    /// A format suffix the page cannot answer in. Datasette raises it only once the page's data is
    /// ready, so every other error of the request wins over it. It answers 404 on database and row
    /// pages but 500 (a failed assertion) on table and query pages; we answer 404 on all of them.
    /// </summary>
    public static DatasetteHttpException InvalidFormat(string format) => NotFound($"Invalid format: {format}");

    public static DatasetteHttpException Forbidden(string message) => new ForbiddenException(message);
}

/// <summary>
/// A permission failure (Datasette's Forbidden): 403, as JSON when the path ends in .json, the
/// request accepts JSON or sends a JSON body, else an HTML page titled "Forbidden".
/// </summary>
public sealed class ForbiddenException(string message) : DatasetteHttpException(403, message, "Forbidden");
