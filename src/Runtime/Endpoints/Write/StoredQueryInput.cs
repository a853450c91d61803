using System.Text.RegularExpressions;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// The fields of a stored query as the management API accepts them (write-api spec §15), checked
/// in Datasette's order with its messages: the name, the SQL (analysed like execute-write SQL when
/// it writes, validated like arbitrary SQL when it reads), the parameter list and the options.
/// </summary>
internal static partial class StoredQueryInput
{
    // The name refusals, shared by the API and the save form, which words them for its URL field.
    internal const string NameRequired = "Query name is required";
    internal const string NameInvalid = "Invalid query name";
    internal const string NameConflicts = "Query name conflicts with a table or view";
    internal const string NameTaken = "Query already exists";

    private static readonly string[] QueryFields =
    {
        "sql", "title", "description", "hide_sql", "fragment", "parameters", "is_private",
        "on_success_message", "on_success_redirect", "on_error_message", "on_error_redirect",
    };

    private static readonly string[] WriteOnlyFields = { "on_success_message", "on_success_redirect", "on_error_message", "on_error_redirect" };

    // Form posts carry the form's own fields too.
    private static readonly string[] CreateOnlyFields = { "name", "mode", "csrftoken" };

    /// <summary>The query a store request describes, owned by the actor; refusals as <see cref="WriteApiException"/>.</summary>
    public static StoredQuery ForCreate(DatasetteRequest request, Database database, JsonMap data, Func<string, bool> exists)
    {
        RejectUnknownKeys(data, QueryFields.Concat(CreateOnlyFields));
        var name = data.GetValueOrDefault("name") as string;
        if (string.IsNullOrEmpty(name))
        {
            throw WriteApiException.BadRequest(NameRequired);
        }
        if (!QueryName().IsMatch(name))
        {
            throw WriteApiException.BadRequest(NameInvalid);
        }
        if (database.Schema.Find(name) is not null)
        {
            throw WriteApiException.BadRequest(NameConflicts);
        }
        if (exists(name))
        {
            throw WriteApiException.BadRequest(NameTaken);
        }
        var (sql, isWrite, derived) = AnalyzeSql(request, database, data.GetValueOrDefault("sql"));
        RequireWritableSqlFor(data, isWrite);
        return new StoredQuery(database.Name, name, sql)
        {
            Title = Text(data, "title"),
            Description = Text(data, "description"),
            HideSql = AsBool(data.GetValueOrDefault("hide_sql")),
            Fragment = Text(data, "fragment"),
            Parameters = CoerceParameters(data.GetValueOrDefault("parameters"), derived),
            IsWrite = isWrite,
            // Private unless asked otherwise: a form without the checkbox included.
            IsPrivate = !data.TryGetValue("is_private", out var isPrivate) || AsBool(isPrivate),
            IsTrusted = false,
            Source = "user",
            OwnerId = ActorId(request),
            OnSuccessMessage = Text(data, "on_success_message"),
            OnSuccessRedirect = Text(data, "on_success_redirect"),
            OnErrorMessage = Text(data, "on_error_message"),
            OnErrorRedirect = Text(data, "on_error_redirect"),
        };
    }

    /// <summary>A refusal as the save form words it: the name is the form's "URL" field; other messages unchanged.</summary>
    public static string FormMessage(string message) => message switch
    {
        NameRequired => "URL is required",
        NameInvalid => "Invalid URL",
        NameConflicts => "URL conflicts with an existing table or view",
        NameTaken => "A query already exists at that URL",
        _ => message,
    };

    /// <summary>
    /// Checks an update against <paramref name="existing"/> and returns how to apply it: only the
    /// fields it names change (re-analysed when the SQL changes), applied to the row as the writer
    /// finds it.
    /// </summary>
    public static Func<StoredQuery, StoredQuery> ForUpdate(DatasetteRequest request, Database database, StoredQuery existing, JsonMap update)
    {
        RejectUnknownKeys(update, QueryFields);
        var sql = existing.Sql;
        var isWrite = existing.IsWrite;
        List<string> derived;
        if (update.TryGetValue("sql", out var newSql))
        {
            (sql, isWrite, derived) = AnalyzeSql(request, database, newSql);
        }
        else
        {
            derived = DerivedParameters(sql);
        }
        IReadOnlyList<string>? parameters = update.TryGetValue("parameters", out var given)
            ? CoerceParameters(given, derived)
            : update.ContainsKey("sql") ? derived : null;
        RequireWritableSqlFor(update, isWrite);

        var title = Text(update, "title");
        var description = Text(update, "description");
        var fragment = Text(update, "fragment");
        var onSuccessMessage = Text(update, "on_success_message");
        var onSuccessRedirect = Text(update, "on_success_redirect");
        var onErrorMessage = Text(update, "on_error_message");
        var onErrorRedirect = Text(update, "on_error_redirect");
        bool Has(string field) => update.ContainsKey(field);
        return current => current with
        {
            Sql = Has("sql") ? sql : current.Sql,
            IsWrite = Has("sql") ? isWrite : current.IsWrite,
            Parameters = parameters ?? current.Parameters,
            Title = Has("title") ? title : current.Title,
            Description = Has("description") ? description : current.Description,
            HideSql = Has("hide_sql") ? AsBool(update["hide_sql"]) : current.HideSql,
            Fragment = Has("fragment") ? fragment : current.Fragment,
            IsPrivate = Has("is_private") ? AsBool(update["is_private"]) : current.IsPrivate,
            OnSuccessMessage = Has("on_success_message") ? onSuccessMessage : current.OnSuccessMessage,
            OnSuccessRedirect = Has("on_success_redirect") ? onSuccessRedirect : current.OnSuccessRedirect,
            OnErrorMessage = Has("on_error_message") ? onErrorMessage : current.OnErrorMessage,
            OnErrorRedirect = Has("on_error_redirect") ? onErrorRedirect : current.OnErrorRedirect,
        };
    }

    /// <summary>
    /// The SQL, whether it writes, and its named parameters. Writing SQL needs the permission each
    /// of its operations needs (403, as execute-write refuses it); reading SQL must be what the
    /// arbitrary-SQL page accepts. Compiled on a read connection: nothing runs.
    /// </summary>
    public static (string Sql, bool IsWrite, List<string> Parameters) AnalyzeSql(DatasetteRequest request, Database database, object? value)
    {
        if (value is not string { Length: > 0 } sql)
        {
            throw WriteApiException.BadRequest("SQL is required");
        }
        var derived = DerivedParameters(sql);
        IReadOnlyList<SqlOperation> analysis;
        try
        {
            analysis = database.Read(connector => WriteSqlAnalyzer.Analyze(connector, sql, database.Name));
        }
        catch (SqlErrorException ex)
        {
            throw WriteApiException.BadRequest("Could not analyze query: " + ex.Message);
        }
        var isWrite = WriteSqlPermissions.IsWrite(analysis);
        if (isWrite)
        {
            WriteSqlPermissions.Ensure(request, database.Name, analysis);
        }
        else
        {
            try
            {
                ReadOnlySql.Validate(sql);
            }
            catch (DatasetteHttpException invalid)
            {
                throw WriteApiException.BadRequest(invalid.Message);
            }
        }
        return (sql, isWrite, derived);
    }

    /// <summary>The SQL's named parameters in order; a magic one (<c>:_actor_id</c>…) is refused: stored user SQL may not use them.</summary>
    public static List<string> DerivedParameters(string sql)
    {
        var names = NamedParameters.Extract(sql);
        if (names.Any(n => n.StartsWith('_')))
        {
            throw WriteApiException.BadRequest("Magic parameters are not allowed");
        }
        return names;
    }

    /// <summary>Python truthiness, with the form spellings of true ("1", "true", "t", "yes", "on") for text.</summary>
    public static bool AsBool(object? value) => value switch
    {
        string text => text.ToLowerInvariant() is "1" or "true" or "t" or "yes" or "on",
        _ => JsonMapOptions.Truthy(value),
    };

    /// <summary>The actor's id as the owner column keeps it (text; JSON text for a non-string id), or null.</summary>
    public static string? ActorId(DatasetteRequest request) => request.Actor?["id"] switch
    {
        null => null,
        System.Text.Json.Nodes.JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
        var other => other.ToJsonString(),
    };

    private static void RejectUnknownKeys(JsonMap data, IEnumerable<string> allowed)
    {
        var known = allowed.ToHashSet(StringComparer.Ordinal);
        var invalid = data.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (invalid.Count > 0)
        {
            throw WriteApiException.BadRequest("Invalid keys: " + string.Join(", ", invalid));
        }
    }

    private static void RequireWritableSqlFor(JsonMap data, bool isWrite)
    {
        if (!isWrite && WriteOnlyFields.Any(data.Truthy))
        {
            throw WriteApiException.BadRequest("Writable query fields require writable SQL");
        }
    }

    /// <summary>
    /// The parameter list: the SQL's own when not given; a list of strings, or text split at
    /// commas and spaces (a form field), naming exactly the SQL's parameters.
    /// </summary>
    private static IReadOnlyList<string> CoerceParameters(object? value, IReadOnlyList<string> derived)
    {
        List<string> parameters;
        switch (value)
        {
            case null:
                return derived;
            case string text:
                parameters = ParameterSeparators().Split(text).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
                break;
            case List<object?> list when list.All(item => item is string):
                parameters = list.ConvertAll(item => (string)item!);
                break;
            default:
                throw WriteApiException.BadRequest("parameters must be a list of strings");
        }
        if (parameters.Any(p => p.StartsWith('_')))
        {
            throw WriteApiException.BadRequest("Magic parameters are not allowed");
        }
        if (!parameters.ToHashSet(StringComparer.Ordinal).SetEquals(derived))
        {
            throw WriteApiException.BadRequest("parameters must match SQL named parameters");
        }
        return parameters;
    }

    /// <summary>
    /// A text option: a string or null. Anything else is a 400 here (Datasette would store a
    /// number or a list as it came, and later show it where text belongs).
    /// </summary>
    private static string? Text(JsonMap data, string field) => data.GetValueOrDefault(field) switch
    {
        null => null,
        string text => text,
        _ => throw WriteApiException.BadRequest($"{field} must be a string"),
    };

    // Python's re.match with `$`, less its quirk of accepting a trailing newline: no slash, dot or newline anywhere.
    [GeneratedRegex(@"^[^/.\n]+\z")]
    private static partial Regex QueryName();

    [GeneratedRegex(@"[\s,]+")]
    private static partial Regex ParameterSeparators();
}
