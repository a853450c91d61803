using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Internal;

/// <summary>
/// How a <see cref="StoredQuery"/> is laid out in a row of the queries table: the on_* options and
/// hide_sql folded into the options JSON object, the parameter names into a JSON array.
/// </summary>
internal static class StoredQueryRow
{
    /// <summary>Reads columns 0-12 of <see cref="StoredQueryStore"/>'s select.</summary>
    public static StoredQuery Read(SqliteDataReader reader)
    {
        using var options = JsonDocument.Parse(reader.GetString(6));
        string? Option(string name) => options.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var parameters = new List<string>();
        using (var list = JsonDocument.Parse(reader.GetString(7)))
        {
            foreach (var item in list.RootElement.EnumerateArray())
            {
                parameters.Add(item.GetString() ?? "");
            }
        }
        return new StoredQuery(reader.GetString(0), reader.GetString(1), reader.GetString(2))
        {
            Title = reader.IsDBNull(3) ? null : reader.GetString(3),
            Description = reader.IsDBNull(4) ? null : reader.GetString(4),
            DescriptionHtml = reader.IsDBNull(5) ? null : reader.GetString(5),
            HideSql = options.RootElement.TryGetProperty("hide_sql", out var hide) && hide.ValueKind == JsonValueKind.True,
            Fragment = Option("fragment"),
            Parameters = parameters,
            IsWrite = reader.GetInt64(8) != 0,
            IsPrivate = reader.GetInt64(9) != 0,
            IsTrusted = reader.GetInt64(10) != 0,
            Source = reader.GetString(11),
            OwnerId = reader.IsDBNull(12) ? null : reader.GetString(12),
            OnSuccessMessage = Option("on_success_message"),
            OnSuccessMessageSql = Option("on_success_message_sql"),
            OnSuccessRedirect = Option("on_success_redirect"),
            OnErrorMessage = Option("on_error_message"),
            OnErrorRedirect = Option("on_error_redirect"),
        };
    }

    /// <summary>Inserts <paramref name="query"/>, replacing the row of the same database and name.</summary>
    public static void Insert(SqliteConnection connection, StoredQuery query) => Execute(connection, query, """
        insert or replace into queries (database_name, name, sql, title, description, description_html, options, parameters,
            is_write, is_private, is_trusted, source, owner_id)
        values (:db, :name, :sql, :title, :description, :description_html, :options, :parameters,
            :is_write, :is_private, :is_trusted, :source, :owner_id)
        """);

    /// <summary>Inserts <paramref name="query"/> unless its database already has one of that name; false then.</summary>
    public static bool InsertNew(SqliteConnection connection, StoredQuery query) => Execute(connection, query, """
        insert into queries (database_name, name, sql, title, description, description_html, options, parameters,
            is_write, is_private, is_trusted, source, owner_id)
        values (:db, :name, :sql, :title, :description, :description_html, :options, :parameters,
            :is_write, :is_private, :is_trusted, :source, :owner_id)
        on conflict (database_name, name) do nothing
        """) == 1;

    /// <summary>Rewrites the row of <paramref name="query"/>'s database and name (keeping created_at); false when there is none.</summary>
    public static bool Update(SqliteConnection connection, StoredQuery query) => Execute(connection, query, """
        update queries set sql = :sql, title = :title, description = :description, description_html = :description_html,
            options = :options, parameters = :parameters, is_write = :is_write, is_private = :is_private,
            is_trusted = :is_trusted, source = :source, owner_id = :owner_id, updated_at = CURRENT_TIMESTAMP
        where database_name = :db and name = :name
        """) == 1;

    private static int Execute(SqliteConnection connection, StoredQuery query, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue(":db", query.Database);
        command.Parameters.AddWithValue(":name", query.Name);
        command.Parameters.AddWithValue(":sql", query.Sql);
        command.Parameters.AddWithValue(":title", (object?)query.Title ?? DBNull.Value);
        command.Parameters.AddWithValue(":description", (object?)query.Description ?? DBNull.Value);
        command.Parameters.AddWithValue(":description_html", (object?)query.DescriptionHtml ?? DBNull.Value);
        command.Parameters.AddWithValue(":options", Json(query, WriteOptions));
        command.Parameters.AddWithValue(":parameters", Json(query.Parameters, WriteList));
        command.Parameters.AddWithValue(":is_write", query.IsWrite ? 1 : 0);
        command.Parameters.AddWithValue(":is_private", query.IsPrivate ? 1 : 0);
        command.Parameters.AddWithValue(":is_trusted", query.IsTrusted ? 1 : 0);
        command.Parameters.AddWithValue(":source", query.Source);
        command.Parameters.AddWithValue(":owner_id", (object?)query.OwnerId ?? DBNull.Value);
        return command.ExecuteNonQuery();
    }

    /// <summary>Only present options, keys in sorted order (Datasette dumps them sorted); hide_sql only when true.</summary>
    private static void WriteOptions(Utf8JsonWriter writer, StoredQuery query)
    {
        writer.WriteStartObject();
        WriteIfPresent(writer, "fragment", query.Fragment);
        if (query.HideSql)
        {
            writer.WriteBoolean("hide_sql", true);
        }
        WriteIfPresent(writer, "on_error_message", query.OnErrorMessage);
        WriteIfPresent(writer, "on_error_redirect", query.OnErrorRedirect);
        WriteIfPresent(writer, "on_success_message", query.OnSuccessMessage);
        WriteIfPresent(writer, "on_success_message_sql", query.OnSuccessMessageSql);
        WriteIfPresent(writer, "on_success_redirect", query.OnSuccessRedirect);
        writer.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteList(Utf8JsonWriter writer, IReadOnlyList<string> items)
    {
        writer.WriteStartArray();
        foreach (var item in items)
        {
            writer.WriteStringValue(item);
        }
        writer.WriteEndArray();
    }

    private static string Json<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
