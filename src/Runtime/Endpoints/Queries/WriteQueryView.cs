using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Write;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Queries;

/// <summary>
/// <c>POST /{db}/{query}</c> for a stored write query: parameters from the form or JSON body,
/// executed in one transaction on the database's single writer, answered with JSON or with a
/// flash message and a redirect, as Datasette's canned write queries are.
/// </summary>
internal static class WriteQueryView
{
    public static async Task PostAsync(DatasetteRequest request, Datasette datasette, Database database, StoredQuery query)
    {
        if (!request.Allowed("view-query", database.Name, query.Name))
        {
            throw DatasetteHttpException.Forbidden("You do not have permission to view this query");
        }
        if (!query.IsWrite)
        {
            throw new DatasetteHttpException(405, "Method not allowed"); // the reference would execute it: refuse instead
        }
        if (!query.IsTrusted && !request.Allowed("execute-write-sql", database.Name))
        {
            throw DatasetteHttpException.Forbidden("You do not have permission to execute write SQL");
        }
        if (!database.IsMutable)
        {
            throw DatasetteHttpException.Forbidden("Database is immutable");
        }
        var form = await RequestBody.ReadFormAsync(request).ConfigureAwait(false);
        var wantsJson = request.Header("Accept") == "application/json"
            || request.Args.Get("_json") is { Length: > 0 }
            || form.Get("_json") is { Length: > 0 };
        var names = query.Parameters.Count > 0 ? query.Parameters.ToList() : NamedParameters.Extract(query.Sql);
        var parameters = new Dictionary<string, object?>();
        foreach (var name in names)
        {
            parameters[name] = name.StartsWith('_') ? await MagicParameters.ResolveAsync(request, datasette, name).ConfigureAwait(false) : form.Get(name) ?? "";
        }

        string message;
        bool ok;
        try
        {
            var affected = await database.WriteInTransactionAsync(connector =>
            {
                if (!query.IsTrusted)
                {
                    EnsureUserSqlAllowed(request, database, connector, query.Sql);
                }
                using var command = connector.Connection.CreateCommand(query.Sql);
                foreach (var (name, value) in parameters)
                {
                    command.Parameters.AddWithValue(":" + name, value ?? DBNull.Value);
                }
                return command.ExecuteNonQuery();
            }).ConfigureAwait(false);
            database.InvalidateSchema();
            (message, ok) = (SuccessMessage(database, query, parameters, affected, datasette.Settings.SqlTimeLimitMs, out var failed), true);
            if (failed)
            {
                datasette.AddMessage(request, message, MessageType.Error);
                message = query.OnSuccessMessage ?? message;
            }
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            (message, ok) = (query.OnErrorMessage ?? SqliteText(ex), false);
        }
        catch (SqlErrorException ex)
        {
            (message, ok) = (query.OnErrorMessage ?? ex.Message, false);
        }

        var redirect = ok ? query.OnSuccessRedirect : query.OnErrorRedirect;
        if (wantsJson)
        {
            using var body = new JsonBody();
            var writer = body.Writer;
            writer.WriteStartObject();
            writer.WriteBoolean("ok", ok);
            if (ok)
            {
                writer.WriteString("message", message);
            }
            else
            {
                writer.WriteString("error", message);
                writer.WriteStringArray("errors", new[] { message });
                writer.WriteNumber("status", 400);
            }
            writer.WriteString("redirect", redirect);
            writer.WriteEndObject();
            await body.SendAsync(request.Context, ok ? 200 : 400).ConfigureAwait(false);
            return;
        }
        datasette.AddMessage(request, message, ok ? MessageType.Info : MessageType.Error);
        await Responses.RedirectAsync(request.Context, redirect ?? request.RawPath).ConfigureAwait(false);
    }

    /// <summary>
    /// A user's stored write query is user-supplied SQL: analysed on the writer, in the write's own
    /// savepoint (the statement checked is the statement run), and refused unless the actor holds
    /// every permission its operations need, as execute-write decides.
    /// </summary>
    private static void EnsureUserSqlAllowed(DatasetteRequest request, Database database, SqliteConnector connector, string sql)
    {
        IReadOnlyList<SqlOperation> analysis;
        try
        {
            analysis = WriteSqlAnalyzer.Analyze(connector, sql, database.Name);
        }
        catch (SqlErrorException ex)
        {
            throw DatasetteHttpException.Forbidden("Could not analyze query: " + ex.Message);
        }
        try
        {
            WriteSqlPermissions.Ensure(request, database.Name, analysis);
        }
        catch (WriteApiException refused)
        {
            throw DatasetteHttpException.Forbidden(refused.Message);
        }
    }

    /// <summary>on_success_message_sql's first value, else on_success_message, else "Query executed[, N rows affected]".</summary>
    private static string SuccessMessage(Database database, StoredQuery query, Dictionary<string, object?> parameters, int affected, int timeLimitMs, out bool failed)
    {
        failed = false;
        if (query.OnSuccessMessageSql is { } sql)
        {
            try
            {
                var names = NamedParameters.Extract(sql);
                var bound = parameters.Where(p => names.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
                return QueryRunner.Run(database, sql, bound, timeLimitMs, reader => reader.Read() && !reader.IsDBNull(0) ? Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "" : "");
            }
            catch (Exception ex) when (ex is SqlErrorException or QueryInterruptedException)
            {
                failed = true;
                return $"Error running on_success_message_sql: {ex.Message}";
            }
        }
        if (query.OnSuccessMessage is { } configured)
        {
            return configured;
        }
        return affected switch
        {
            -1 => "Query executed",
            1 => "Query executed, 1 row affected",
            _ => $"Query executed, {affected} rows affected",
        };
    }

    private static string SqliteText(Microsoft.Data.Sqlite.SqliteException ex)
    {
        var text = ex.Message;
        var start = text.IndexOf('\'');
        var end = text.LastIndexOf('\'');
        return start >= 0 && end > start ? text[(start + 1)..end] : text;
    }
}
