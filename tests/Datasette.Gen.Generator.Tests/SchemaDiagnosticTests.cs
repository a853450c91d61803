using System.Linq;
using Datasette.Gen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using static Datasette.Gen.Generator.Tests.Infrastructure.TestSnapshots;

namespace Datasette.Gen.Generator.Tests;

/// <summary>
/// The checks against the schema snapshot (DSG0030–DSG0036): one case per id with its exact
/// message and YAML position, and silence when the snapshot is absent or the configuration fits.
/// </summary>
public sealed class SchemaDiagnosticTests
{
    private const string Table = "databases:\n  db:\n    tables:\n      t:\n";
    private const string Query = "databases:\n  db:\n    queries:\n";

    private static readonly string Snapshot = Json(Database(
        "db",
        new[]
        {
            Table("t", new[] { "id INTEGER", "name TEXT", "created TEXT", "tags TEXT" }, new[] { "id" }, ftsTable: "t_fts"),
            Fts("t_fts", "t", "name"),
            View("v", "name"),
            Table("other", new[] { "id" }),
        },
        ("select name from t", null),
        ("select nope from t", "no such column: nope")));

    public static TheoryData<string, string, string> Cases => new()
    {
        { "DSG0030", "databases:\n  dbb:\n    tables: {}\n", "datasette.yaml(2,3): error DSG0030: Database 'dbb' is configured but not served (did you mean 'db'?)" },
        { "DSG0031", Table.Replace("t:", "tt:") + "        hidden: true\n", "datasette.yaml(4,7): error DSG0031: Table or view 'tt' does not exist in database 'db' (did you mean 't'?)" },
        { "DSG0031", Table.Replace("t:", "nothing_like_it:") + "        hidden: true\n", "datasette.yaml(4,7): error DSG0031: Table or view 'nothing_like_it' does not exist in database 'db'" },
        { "DSG0032", Table + "        sort: nmae\n", "datasette.yaml(5,15): error DSG0032: Column 'nmae' (sort) does not exist in 't' (did you mean 'name'?)" },
        { "DSG0032", Table + "        sort_desc: createdd\n", "datasette.yaml(5,20): error DSG0032: Column 'createdd' (sort_desc) does not exist in 't' (did you mean 'created'?)" },
        { "DSG0032", Table + "        sortable_columns: [name, size]\n", "datasette.yaml(5,34): error DSG0032: Column 'size' (sortable_columns) does not exist in 't'" },
        { "DSG0032", Table + "        label_column: title\n", "datasette.yaml(5,23): error DSG0032: Column 'title' (label_column) does not exist in 't'" },
        { "DSG0032", Table + "        fts_pk: pk\n", "datasette.yaml(5,17): error DSG0032: Column 'pk' (fts_pk) does not exist in 't' (did you mean 'id'?)" },
        { "DSG0032", Table + "        facets:\n          - name\n          - array: tag\n", "datasette.yaml(7,20): error DSG0032: Column 'tag' (facets) does not exist in 't' (did you mean 'tags'?)" },
        { "DSG0032", Table + "        column_types:\n          website: url\n", "datasette.yaml(6,11): error DSG0032: Column 'website' (column_types) does not exist in 't'" },
        { "DSG0033", Table + "        fts_table: t_ft\n", "datasette.yaml(5,20): error DSG0033: fts_table 't_ft' is not an FTS table in database 'db' (did you mean 't_fts'?)" },
        { "DSG0033", Table + "        fts_table: v\n", "datasette.yaml(5,20): error DSG0033: fts_table 'v' is not an FTS table in database 'db'" },
        { "DSG0034", Query + "      q: select nope from t\n", "datasette.yaml(4,10): error DSG0034: Stored query 'q' cannot be prepared: no such column: nope" },
        { "DSG0034", Query + "      q:\n        title: Q\n        sql: select nope from t\n", "datasette.yaml(6,14): error DSG0034: Stored query 'q' cannot be prepared: no such column: nope" },
        { "DSG0035", Query + "      q: select name from t where 1\n", "datasette.yaml(4,10): warning DSG0035: Stored query 'q' is not in the schema snapshot; the schema snapshot is stale: run `datasette-gen schema-snapshot`" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Schema_diagnostic(string id, string config, string expected)
    {
        var run = GeneratorHarness.Run(config, snapshot: Snapshot);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(expected, DiagnosticText.Format(diagnostic));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticDescriptorTests.CatalogueEntries().Single(d => d.Id == id).Title, diagnostic.Descriptor.Title.ToString());
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData("{\"format\": 1}\n", "datasette.schema.json(1,1): error DSG0036: Invalid schema snapshot: 'databases' is missing; regenerate it with `datasette-gen schema-snapshot`")]
    [InlineData("{\"format\": 2, \"databases\": {}}\n", "datasette.schema.json(1,12): error DSG0036: Invalid schema snapshot: format 2 is not 1; regenerate it with `datasette-gen schema-snapshot`")]
    [InlineData("{\"format\": 1,\n \"databases\": {\"db\": {\"schema_hash\": \"x\", \"tables\": [], \"queries\": {}}}}\n", "datasette.schema.json(2,53): error DSG0036: Invalid schema snapshot: 'db.tables' must be an object; regenerate it with `datasette-gen schema-snapshot`")]
    [InlineData("{\"format\": 1,\n", "datasette.schema.json(2,1): error DSG0036: Invalid schema snapshot: Metadata is not valid JSON or YAML: While parsing a node, did not find expected node content.; regenerate it with `datasette-gen schema-snapshot`")]
    public void An_unreadable_snapshot_is_an_error_at_its_place(string snapshot, string expected)
    {
        var run = GeneratorHarness.Run(Table + "        sort: nope\n", snapshot: snapshot);

        var diagnostic = Assert.Single(run.Diagnostics); // and the schema checks are skipped
        Assert.Equal(expected, DiagnosticText.Format(diagnostic));
        Assert.Equal(Paths.Snapshot, diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void Every_schema_catalogue_id_has_a_case()
    {
        var covered = Cases.Select(row => (string)row[0]).Append("DSG0036").ToHashSet();
        var expected = DiagnosticDescriptorTests.CatalogueEntries().Select(d => d.Id).Where(id => string.CompareOrdinal(id, "DSG0030") >= 0);

        Assert.Empty(expected.Except(covered));
    }

    [Fact]
    public void Without_a_snapshot_the_schema_checks_are_skipped()
    {
        var run = GeneratorHarness.Run("databases:\n  nowhere:\n    tables:\n      nothing:\n        sort: nope\n    queries:\n      q: select nope\n");

        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void A_configuration_that_fits_the_snapshot_reports_nothing()
    {
        const string config = """
            databases:
              db:
                tables:
                  t:
                    sort: rowid
                    sortable_columns: [name, created]
                    label_column: name
                    facets: [name, {date: created}, {array: tags}]
                    fts_table: t_fts
                    fts_pk: id
                    column_types: {name: textarea}
                  v:
                    sortable_columns: [name]
                  other: {}
                queries:
                  q: select name from t
            """;

        var run = GeneratorHarness.Run(config, snapshot: Snapshot);

        Assert.Empty(DiagnosticText.Format(run.Diagnostics));
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Table_options_moved_from_metadata_are_checked_at_their_place_in_metadata()
    {
        var run = GeneratorHarness.Run("settings: {}\n", "databases:\n  db:\n    tables:\n      t:\n        sort: nope\n", Snapshot);

        Assert.Equal(
            new[]
            {
                "metadata.yaml(5,9): warning DSG0027: 'sort' in a metadata file is configuration; it is moved to datasette.yaml's 'databases.db.tables.t.sort'",
                "metadata.yaml(5,15): error DSG0032: Column 'nope' (sort) does not exist in 't' (did you mean 'name'?)",
            },
            DiagnosticText.Format(run.Diagnostics.OrderBy(d => d.Location.GetLineSpan().StartLinePosition)));
    }
}
