using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Schema;
using Xunit;
using static Datasette.Gen.Generator.Tests.Infrastructure.TestSnapshots;

namespace Datasette.Gen.Generator.Tests;

/// <summary>datasette.schema.json: the exact text written, reading it back, and --check's description of changes.</summary>
public sealed class SchemaSnapshotJsonTests
{
    private static readonly SchemaSnapshot Sample = new(EquatableArray.Create(
        Database(
            "db",
            new[]
            {
                Table("t", new[] { "id INTEGER", "name TEXT" }, new[] { "id" }, ftsTable: "t_fts") with
                {
                    ForeignKeys = EquatableArray.Create(new ForeignKeySnapshot("name", "names", "name")),
                },
                Fts("t_fts", "t", "name"),
                View("v", "name") with { Columns = EquatableArray.Create(new ColumnSnapshot("name", "TEXT", true, 0, 2)) },
            },
            ("select 1", null),
            ("select nope", "no such column: nope"))));

    [Fact]
    public void The_file_is_sorted_indented_json_with_flat_leaves_and_no_defaults()
    {
        var text = SchemaSnapshotJson.Write(new SchemaSnapshot(EquatableArray.Create(Database(
            "db",
            new[] { Table("t", new[] { "id INTEGER", "x" }, new[] { "id" }) with { Columns = EquatableArray.Create(new ColumnSnapshot("id", "INTEGER", true, 1, 0), new ColumnSnapshot("x", "", false, 0, 0)) } },
            ("select 1", null)))));

        Assert.Equal(
            """
            {
              "databases": {
                "db": {
                  "queries": {
                    "822ae07d4783158b": {"ok": true}
                  },
                  "schema_hash": "0000",
                  "tables": {
                    "t": {
                      "columns": [
                        {"name": "id", "notnull": true, "pk": 1, "type": "INTEGER"},
                        {"name": "x", "type": ""}
                      ],
                      "primary_keys": ["id"],
                      "type": "table"
                    }
                  }
                }
              },
              "format": 1,
              "generated_by": "datasette-gen schema-snapshot"
            }

            """.Replace("\r\n", "\n"),
            text);
    }

    [Fact]
    public void Writing_then_reading_gives_the_same_snapshot()
    {
        var document = SchemaSnapshotJson.Read(SchemaSnapshot.FileName, SchemaSnapshotJson.Write(Sample));

        Assert.Empty(document.Diagnostics);
        Assert.Equal(Sample, document.Snapshot);
        Assert.Equal(SchemaSnapshotJson.Write(Sample), SchemaSnapshotJson.Write(document.Snapshot!));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("quote \" backslash \\ tab\t newline\n")]
    [InlineData("caf\u00e9 \u4e2d\u6587 \ud83c\udf89 and a bell \a and \u0085 next line")]
    [InlineData("123")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("- dash: colon # hash")]
    public void Any_name_survives_the_round_trip(string name)
    {
        var snapshot = new SchemaSnapshot(EquatableArray.Create(Database(name, new[] { Table(name, new[] { name + " TEXT" }, new[] { name }) }, (name, name))));

        var document = SchemaSnapshotJson.Read(SchemaSnapshot.FileName, SchemaSnapshotJson.Write(snapshot));

        Assert.Empty(document.Diagnostics);
        Assert.Equal(snapshot, document.Snapshot);
    }

    [Fact]
    public void Check_names_what_changed()
    {
        var database = Sample.Databases[0];
        var changed = new SchemaSnapshot(EquatableArray.Create(
            database with
            {
                Tables = EquatableArray.Create(
                    database.Tables[0] with { Columns = EquatableArray.Create(database.Tables[0].Columns[0] with { NotNull = true }) },
                    database.Tables[1],
                    Table("u", new[] { "x" })),
                Queries = EquatableArray.Create(database.Queries[0] with { Error = "no such table: t" }),
            },
            Database("extra", System.Array.Empty<TableSnapshot>())));

        Assert.Equal(
            new[]
            {
                "table 't' in database 'db': column 'id' was 'INTEGER PK1', now 'INTEGER NOT NULL PK1'",
                "table 't' in database 'db': removed column 'name'",
                "new table or view 'u' in database 'db'",
                "removed table or view 'v' in database 'db'",
                $"stored query SQL (hash {database.Queries[0].SqlHash}) in database 'db': was ok, now error \"no such table: t\"",
                $"removed stored query SQL (hash {database.Queries[1].SqlHash}) in database 'db'",
                "new database 'extra'",
            },
            SchemaSnapshotDiff.Describe(Sample, changed));
        Assert.Empty(SchemaSnapshotDiff.Describe(Sample, Sample));
    }
}
