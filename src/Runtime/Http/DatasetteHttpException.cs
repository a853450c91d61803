using System;

namespace Datasette.Gen.Runtime.Http;

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

    public static DatasetteHttpException Forbidden(string message) => new ForbiddenException(message);
}

/// <summary>
/// A permission failure (Datasette's Forbidden): 403, as JSON when the path ends in .json, the
/// request accepts JSON or sends a JSON body, else an HTML page titled "Forbidden".
/// </summary>
public sealed class ForbiddenException(string message) : DatasetteHttpException(403, message, "Forbidden");
