using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>How the write endpoints answer: JSON always, errors in Datasette's envelope.</summary>
internal static class WriteResponses
{
    /// <summary>
    /// Runs a write endpoint: refusals become their JSON error (never an HTML page, never a redirect,
    /// even for a percent-encoded path); a GET is 405 as for any POST-only view. Errors of other
    /// kinds (a pk-count mismatch: Datasette's HTML 400) go to the pipeline.
    /// </summary>
    public static async Task RunAsync(DatasetteRequest request, Func<Task> handle)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            throw new DatasetteHttpException(405, "Method not allowed");
        }
        try
        {
            await handle().ConfigureAwait(false);
        }
        catch (WriteApiException refused) when (!request.Context.Response.HasStarted)
        {
            await ErrorAsync(request, refused.Status, refused.Errors).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (!request.Context.Response.HasStarted)
        {
            await ErrorAsync(request, 400, new[] { SqliteText(ex) }).ConfigureAwait(false);
        }
        catch (SqlErrorException ex) when (!request.Context.Response.HasStarted)
        {
            await ErrorAsync(request, 400, new[] { ex.Message }).ConfigureAwait(false);
        }
    }

    public static Task ErrorAsync(DatasetteRequest request, int status, System.Collections.Generic.IReadOnlyList<string> errors)
    {
        using var body = new JsonBody();
        var writer = body.Writer;
        writer.WriteStartObject();
        writer.WriteBoolean("ok", false);
        writer.WriteString("error", string.Join("; ", errors));
        writer.WriteStartArray("errors");
        foreach (var error in errors)
        {
            writer.WriteStringValue(error);
        }
        writer.WriteEndArray();
        writer.WriteNumber("status", status);
        writer.WriteEndObject();
        return body.SendAsync(request.Context, status);
    }

    /// <summary><c>{"ok": true, …}</c>: <paramref name="write"/> adds the other members.</summary>
    public static Task OkAsync(DatasetteRequest request, int status, Action<Utf8JsonWriter>? write = null)
    {
        using var body = new JsonBody();
        var writer = body.Writer;
        writer.WriteStartObject();
        writer.WriteBoolean("ok", true);
        write?.Invoke(writer);
        writer.WriteEndObject();
        return body.SendAsync(request.Context, status);
    }

    /// <summary>SQLite's own message (what Python's <c>str(sqlite3.Error)</c> is), without Microsoft.Data.Sqlite's wrapping.</summary>
    public static string SqliteText(SqliteException ex)
    {
        var text = ex.Message;
        var start = text.IndexOf('\'');
        var end = text.LastIndexOf('\'');
        return start >= 0 && end > start ? text[(start + 1)..end] : text;
    }
}
