using System;
using System.IO;
using System.Text;
using System.Text.Json;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Json;

/// <summary>read-api.md §1: how SQLite values are written as JSON.</summary>
public sealed class SqliteJsonTests
{
    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonBody.WriterOptions))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Each column of a one-row SELECT, written as a JSON array.</summary>
    private static string Row(string select, bool jsonInfinity = false)
    {
        using var connection = TestSqlite.Open(":memory:");
        using var command = connection.CreateCommand();
        command.CommandText = select;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return Write(writer =>
        {
            writer.WriteStartArray();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                SqliteJson.WriteValue(writer, reader, i, jsonInfinity);
            }
            writer.WriteEndArray();
        });
    }

    [Theory]
    [InlineData(5.0, "5.0")]
    [InlineData(-97.0, "-97.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.9961213802400968, "0.9961213802400968")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(-2.5e20, "-2.5e+20")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(5e-324, "5e-324")]
    public void WriteReal_writes_pythons_shortest_round_trip_text_with_a_decimal_point(double value, string json)
    {
        Assert.Equal(json, Write(writer => SqliteJson.WriteReal(writer, value, jsonInfinity: false)));
        Assert.Equal(value, double.Parse(json, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WriteReal_keeps_the_sign_of_negative_zero()
    {
        Assert.Equal("-0.0", Write(writer => SqliteJson.WriteReal(writer, -0.0, jsonInfinity: false)));
    }

    [Fact]
    public void Infinities_and_nan_are_null_unless_json_infinity_is_requested()
    {
        Assert.Equal("[null,null,null]", Write(writer =>
        {
            writer.WriteStartArray();
            SqliteJson.WriteReal(writer, double.PositiveInfinity, jsonInfinity: false);
            SqliteJson.WriteReal(writer, double.NegativeInfinity, jsonInfinity: false);
            SqliteJson.WriteReal(writer, double.NaN, jsonInfinity: false);
            writer.WriteEndArray();
        }));
        Assert.Equal("[Infinity,-Infinity]", Write(writer =>
        {
            writer.WriteStartArray();
            SqliteJson.WriteReal(writer, double.PositiveInfinity, jsonInfinity: true);
            SqliteJson.WriteReal(writer, double.NegativeInfinity, jsonInfinity: true);
            writer.WriteEndArray();
        }));
    }

    [Fact]
    public void WriteBlob_writes_the_base64_object()
    {
        var json = Write(writer => SqliteJson.WriteBlob(writer, new byte[] { 0x15, 0x1c, 0x02, 0xc7, 0xad, 0x05, 0xfe }));
        Assert.Equal("{\"$base64\":true,\"encoded\":\"FRwCx60F/g==\"}", json);
    }

    [Fact]
    public void WriteValue_follows_each_values_storage_class()
    {
        var json = Row("select 1, 5.0, 'text', null, x'151c02c7ad05fe', x'68656c6c6f', 9007199254740993, -0.5");
        Assert.Equal(
            "[1,5.0,\"text\",null,{\"$base64\":true,\"encoded\":\"FRwCx60F/g==\"},{\"$base64\":true,\"encoded\":\"aGVsbG8=\"},9007199254740993,-0.5]",
            json);
    }

    [Fact]
    public void WriteValue_writes_sqlite_infinities_as_null_or_bare_tokens()
    {
        Assert.Equal("[null,null]", Row("select 1e999, -1e999"));
        Assert.Equal("[Infinity,-Infinity]", Row("select 1e999, -1e999", jsonInfinity: true));
    }

    [Fact]
    public void WriteValue_uses_the_values_type_not_the_columns_declared_type()
    {
        using var connection = TestSqlite.Open(":memory:");
        TestSqlite.Execute(connection, "create table t (a integer, b text); insert into t values ('not a number', 3), (2.0, 'x')");
        using var command = connection.CreateCommand();
        command.CommandText = "select a, b from t order by rowid";
        using var reader = command.ExecuteReader();
        var rows = new System.Collections.Generic.List<string>();
        while (reader.Read())
        {
            rows.Add(Write(writer =>
            {
                writer.WriteStartArray();
                SqliteJson.WriteValue(writer, reader, 0, false);
                SqliteJson.WriteValue(writer, reader, 1, false);
                writer.WriteEndArray();
            }));
        }
        // 2.0 stored in an INTEGER column becomes the integer 2; 3 in a TEXT column becomes '3'.
        Assert.Equal(new[] { "[\"not a number\",\"3\"]", "[2,\"x\"]" }, rows);
    }

    [Theory]
    [InlineData(1e16, "1e+16")]
    [InlineData(0.5, "0.5")]
    [InlineData(-97.0, "-97.0")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e-7, "1e-07")]
    [InlineData(1.2345678901234568e17, "1.2345678901234568e+17")]
    [InlineData(1e100, "1e+100")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void PythonFloat_matches_pythons_repr(double value, string expected)
    {
        Assert.Equal(expected, SqliteJson.PythonFloat(value));
    }

    [Fact]
    public void ToText_renders_values_as_python_str_for_tokens_and_keys()
    {
        using var connection = TestSqlite.Open(":memory:");
        using var command = connection.CreateCommand();
        command.CommandText = "select 42, 5.0, 0.25, 'a,b', null";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("42", SqliteJson.ToText(reader, 0));
        Assert.Equal("5.0", SqliteJson.ToText(reader, 1));
        Assert.Equal("0.25", SqliteJson.ToText(reader, 2));
        Assert.Equal("a,b", SqliteJson.ToText(reader, 3));
        Assert.Null(SqliteJson.ToText(reader, 4));
    }
}
