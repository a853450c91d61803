using Datasette.Gen.Runtime.ColumnTypes;
using SharedAffinity = Datasette.Gen.Configuration.Sqlite.SqliteAffinity;

namespace Datasette.Gen.Tests.SharedRules;

/// <summary>SQLite's affinity rule, defined once and read by column_details, column types, keyset tokens, OpenAPI and typed URLs.</summary>
public sealed class SqliteAffinityTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("  ", null)]
    [InlineData("VARCHAR(30)", "TEXT")]
    [InlineData("bigint", "INTEGER")]
    [InlineData("CHARINT", "INTEGER")]
    [InlineData("point", "INTEGER")]
    [InlineData("clob", "TEXT")]
    [InlineData("BLOB", "BLOB")]
    [InlineData("double precision", "REAL")]
    [InlineData("FLOATING POINT", "INTEGER")]
    [InlineData("DATETIME", "NUMERIC")]
    [InlineData("decimal(10,2)", "NUMERIC")]
    public void Declared_types_follow_sqlites_rules_in_order(string? declared, string? expected)
    {
        Assert.Equal(expected, SharedAffinity.Of(declared));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" text ")]
    [InlineData("int")]
    [InlineData("REAL")]
    [InlineData("numeric")]
    [InlineData("blob")]
    public void The_plugin_facing_enum_is_the_shared_rule_with_no_type_as_blob(string? declared)
    {
        Assert.Equal(SharedAffinity.Of(declared) ?? "BLOB", SqliteAffinities.FromDeclaredType(declared).Name());
    }
}
