using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// The body of <c>POST /{db}/-/execute-write</c>: a JSON object <c>{"sql", "params"}</c> when the
/// Content-Type is JSON, otherwise an HTML form (<c>sql</c>, and each parameter as
/// <c>_sql_param_name</c> or <c>name</c>), with Datasette's messages for each way it can be wrong.
/// </summary>
internal static class ExecuteWritePayload
{
    private const string FormParameterPrefix = "_sql_param_";

    /// <summary>The body's SQL (null when absent or not a string), its parameters, and whether it asks for JSON.</summary>
    internal sealed record Body(object? Sql, Dictionary<string, object?> Params, bool IsJson, bool JsonField);

    /// <summary>Reads the body; a missing SQL is not refused here (<see cref="RequireSql"/>), so the form page can show it.</summary>
    public static async Task<Body> ReadAsync(DatasetteRequest request)
    {
        string text;
        try
        {
            text = await WriteRequestBody.ReadTextAsync(request).ConfigureAwait(false);
        }
        catch (WriteApiException tooLarge) when (tooLarge.Status == 413)
        {
            // Datasette answers an oversized body here with its HTML error page, not the JSON envelope.
            throw new DatasetteHttpException(413, tooLarge.Message);
        }
        var isJson = (request.Header("Content-Type") ?? "").StartsWith("application/json", StringComparison.Ordinal);
        return isJson ? FromJson(text) : FromForm(text);
    }

    private static Body FromJson(string text)
    {
        object? body;
        try
        {
            body = PythonJsonReader.Parse(text.Length == 0 ? "{}" : text);
        }
        catch (PythonJsonException ex)
        {
            throw WriteApiException.BadRequest("Invalid JSON: " + ex.Message);
        }
        if (body is not JsonMap data)
        {
            throw WriteApiException.BadRequest("JSON must be a dictionary");
        }
        var invalid = data.Keys.Where(k => k is not "sql" and not "params").Order(StringComparer.Ordinal).ToList();
        if (invalid.Count > 0)
        {
            throw WriteApiException.BadRequest("Invalid keys: " + string.Join(", ", invalid));
        }
        var rawParams = data.GetValueOrDefault("params");
        Dictionary<string, object?> parameters;
        if (IsFalsy(rawParams))
        {
            parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        }
        else if (rawParams is JsonMap map)
        {
            parameters = map.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        }
        else
        {
            throw WriteApiException.BadRequest("params must be a dictionary");
        }
        return new Body(data.GetValueOrDefault("sql"), parameters, IsJson: true, JsonField: false);
    }

    private static Body FromForm(string text)
    {
        // Python's dict(parse_qsl(...)): the last of repeated fields wins.
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in QueryArgs.Parse(text).Pairs)
        {
            fields[key] = value;
        }
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            if (key is "sql" or "csrftoken" or "_json")
            {
                continue;
            }
            parameters[key.StartsWith(FormParameterPrefix, StringComparison.Ordinal) ? key[FormParameterPrefix.Length..] : key] = value;
        }
        return new Body(fields.GetValueOrDefault("sql"), parameters, IsJson: false, JsonField: fields.GetValueOrDefault("_json") is { Length: > 0 });
    }

    public static string RequireSql(object? sql) =>
        sql is string { Length: > 0 } text ? text : throw WriteApiException.BadRequest("SQL is required");

    // `data.get("params") or {}`: every falsy JSON value means no parameters.
    private static bool IsFalsy(object? value) => value switch
    {
        null => true,
        bool flag => !flag,
        long number => number == 0,
        double number => number == 0,
        string text => text.Length == 0,
        JsonMap map => map.Count == 0,
        List<object?> list => list.Count == 0,
        _ => false,
    };
}
