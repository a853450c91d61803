using System.Linq;
using Datasette.Gen.Configuration.Diagnostics;
using Datasette.Gen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Datasette.Gen.Generator.Tests;

/// <summary>
/// One case per catalogue id the binder reports without a database schema (DSG0001–DSG0028):
/// id, exact message and 1-based YAML position as the build prints them.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Hint = " Hint: In YAML/JSON config files, remove quotes from boolean and integer values.";
    private const string Table = "databases:\n  db:\n    tables:\n      t:\n";
    private const string Query = "databases:\n  db:\n    queries:\n";

    public static TheoryData<string, string, string> ConfigCases => new()
    {
        { "DSG0001", "settings: [1, 2\n", "datasette.yaml(2,1): error DSG0001: Metadata is not valid JSON or YAML: While parsing a flow sequence, did not find expected ',' or ']'." },
        { "DSG0002", "- a\n- b\n", "datasette.yaml(1,1): error DSG0002: The root of a configuration or metadata file must be a mapping, got list" },
        { "DSG0003", "settings: 5\n", "datasette.yaml(1,11): error DSG0003: 'settings' must be a mapping, got int 5" },
        { "DSG0004", "settings:\n  hash_urls: true\n", "datasette.yaml(2,3): error DSG0004: Invalid setting 'hash_urls' in config file (removed in Datasette 1.0)" },
        { "DSG0004", "settings:\n  page_size: 10\n", "datasette.yaml(2,3): error DSG0004: Invalid setting 'page_size' in config file" },
        { "DSG0005", "settings:\n  default_page_size: \"50\"\n", "datasette.yaml(2,22): error DSG0005: Setting 'default_page_size' in config file has incorrect type. Expected int, got str. Value: '50'." + Hint },
        { "DSG0005", "settings:\n  allow_facet: 1\n", "datasette.yaml(2,16): error DSG0005: Setting 'allow_facet' in config file has incorrect type. Expected bool, got int. Value: 1." + Hint },
        { "DSG0006", "settings:\n  base_url: /data\n", "datasette.yaml(2,13): error DSG0006: base_url must start and end with '/', got '/data'" },
        { "DSG0007", "settings:\n  max_returned_rows: 0\n", "datasette.yaml(2,22): error DSG0007: Setting 'max_returned_rows' must be greater than 0, got 0" },
        { "DSG0007", "settings:\n  sql_time_limit_ms: -1\n", "datasette.yaml(2,22): error DSG0007: Setting 'sql_time_limit_ms' must be 0 or greater, got -1" },
        { "DSG0008", "settings:\n  default_page_size: 500\n  max_returned_rows: 100\n", "datasette.yaml(2,22): error DSG0008: default_page_size (500) must not be greater than max_returned_rows (100)" },
        { "DSG0009", Query + "      q:\n        title: T\n", "datasette.yaml(4,7): error DSG0009: Stored query 'q' has no 'sql' key" },
        { "DSG0010", Query + "      q:\n        sql: 5\n", "datasette.yaml(5,14): error DSG0010: Stored query 'q': 'sql' must be a string, got int 5" },
        { "DSG0011", Query + "      q:\n        sql: select :a\n        params: a\n", "datasette.yaml(6,17): error DSG0011: Stored query 'q': 'params' must be a list of parameter names, got str 'a'" },
        { "DSG0012", Query + "      a/b: select 1\n", "datasette.yaml(4,7): error DSG0012: Stored query name 'a/b' must not be empty or contain '/', '.' or a newline" },
        { "DSG0013", Table + "        sort: a\n        sort_desc: b\n", "datasette.yaml(6,9): error DSG0013: Table 't' sets both 'sort' and 'sort_desc'; use one of them" },
        { "DSG0014", Table + "        size: 0\n", "datasette.yaml(5,15): error DSG0014: 'size' must be a positive integer or \"max\", got int 0" },
        { "DSG0014", Table + "        facet_size: big\n", "datasette.yaml(5,21): error DSG0014: 'facet_size' must be a positive integer or \"max\", got str 'big'" },
        { "DSG0015", "settings:\n  max_returned_rows: 100\n" + Table + "        size: 200\n", "datasette.yaml(7,15): error DSG0015: 'size' (200) must not be greater than max_returned_rows (100)" },
        { "DSG0016", "databases: [a]\n", "datasette.yaml(1,12): error DSG0016: 'databases' must be a mapping, got list" },
        { "DSG0016", Table + "        hidden: maybe\n", "datasette.yaml(5,17): error DSG0016: 'databases.db.tables.t.hidden' must be true or false, got str 'maybe'" },
        { "DSG0017", Table + "        facets: [5]\n", "datasette.yaml(5,18): error DSG0017: Invalid facet int 5: use a column name or a mapping with exactly one of 'column', 'date', 'array'" },
        { "DSG0018", Table + "        searchmode: fuzzy\n", "datasette.yaml(5,21): error DSG0018: searchmode must be 'raw' or 'escaped', got 'fuzzy'" },
        { "DSG0019", "allow: \"yes\"\n", "datasette.yaml(1,8): error DSG0019: Invalid allow block at 'allow': expected true, false or a mapping of actor keys, got str 'yes'" },
        { "DSG0019", "allow:\n  id:\n    nested: 1\n", "datasette.yaml(3,5): error DSG0019: Invalid allow block at 'allow.id': expected a value or a list of values, got dict" },
        { "DSG0020", "permissions:\n  view-tabel: true\n", "datasette.yaml(2,3): error DSG0020: Unknown action 'view-tabel' in permissions (did you mean 'view-table'?)" },
        { "DSG0020", "permissions:\n  fly: true\n", "datasette.yaml(2,3): error DSG0020: Unknown action 'fly' in permissions" },
        { "DSG0021", "extra_css_urls:\n  - 5\n", "datasette.yaml(2,5): error DSG0021: Entries of 'extra_css_urls' must be a URL string or a mapping with a 'url' string" },
        { "DSG0022", "plugins:\n  p:\n    key:\n      $env: A\n      other: 1\n", "datasette.yaml(4,7): error DSG0022: A '$env' reference must be a mapping with that single key and a string value" },
        { "DSG0023", "settings:\n  default_page_size: 10\n  default_page_size: 20\n", "datasette.yaml(3,3): warning DSG0023: Duplicate key 'default_page_size': the last value wins" },
        { "DSG0024", "settings:\n  default_page_size: null\n", "datasette.yaml(2,22): warning DSG0024: Setting 'default_page_size' is null; the default (100) is used" },
        { "DSG0025", "colour: red\n", "datasette.yaml(1,1): warning DSG0025: Unknown key 'colour' in the configuration root is ignored" },
        { "DSG0026", "title: My site\n", "datasette.yaml(1,1): warning DSG0026: 'title' is metadata and is ignored in a configuration file; put it in metadata.yaml" },
    };

    public static TheoryData<string, string, string> MetadataCases => new()
    {
        { "DSG0027", "allow:\n  id: root\n", "metadata.yaml(1,1): warning DSG0027: 'allow' in a metadata file is configuration; it is moved to datasette.yaml's 'allow'" },
        { "DSG0028", "settings:\n  x: 1\n", "metadata.yaml(1,1): warning DSG0028: 'settings' has no effect in a metadata file; put it in datasette.yaml" },
    };

    [Theory]
    [MemberData(nameof(ConfigCases))]
    public void Configuration_diagnostic(string id, string config, string expected) =>
        AssertSingle(id, GeneratorHarness.Run(config), expected);

    [Theory]
    [MemberData(nameof(MetadataCases))]
    public void Metadata_diagnostic(string id, string metadata, string expected) =>
        AssertSingle(id, GeneratorHarness.Run("settings: {}\n", metadata), expected);

    [Fact]
    public void Every_schema_free_catalogue_id_has_a_case()
    {
        var covered = ConfigCases.Concat(MetadataCases).Select(row => (string)row[0]).ToHashSet();
        var expected = DiagnosticDescriptorTests.CatalogueEntries()
            .Select(d => d.Id)
            .Where(id => string.CompareOrdinal(id, "DSG0029") < 0); // DSG0030+ need a database schema.

        Assert.Empty(expected.Except(covered));
    }

    [Fact]
    public void Several_errors_are_all_reported()
    {
        const string config = """
            settings:
              default_page_size: "50"
              base_url: data
            databases:
              db:
                tables:
                  t:
                    sort: a
                    sort_desc: b
                queries:
                  q:
                    title: x
            colour: red
            """;

        var run = GeneratorHarness.Run(config);

        Assert.Equal(
            new[]
            {
                "datasette.yaml(2,22): error DSG0005: Setting 'default_page_size' in config file has incorrect type. Expected int, got str. Value: '50'." + Hint,
                "datasette.yaml(3,13): error DSG0006: base_url must start and end with '/', got 'data'",
                "datasette.yaml(9,9): error DSG0013: Table 't' sets both 'sort' and 'sort_desc'; use one of them",
                "datasette.yaml(11,7): error DSG0009: Stored query 'q' has no 'sql' key",
                "datasette.yaml(13,1): warning DSG0025: Unknown key 'colour' in the configuration root is ignored",
            },
            DiagnosticText.Format(run.Diagnostics.OrderBy(d => d.Location.GetLineSpan().StartLinePosition)));
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_valid_configuration_reports_nothing()
    {
        var run = GeneratorHarness.Run("settings:\n  default_page_size: 20\ndatabases:\n  db:\n    queries:\n      q: select 1\n");

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Locations_keep_the_additional_files_full_path_and_span()
    {
        var run = GeneratorHarness.Run("settings:\n  base_url: /data\n", "allow:\n  id: root\n");

        var config = Assert.Single(run.Diagnostics, d => d.Id == "DSG0006").Location;
        var metadata = Assert.Single(run.Diagnostics, d => d.Id == "DSG0027").Location;
        Assert.Equal(Paths.Config, config.GetLineSpan().Path);
        Assert.Equal(Paths.Metadata, metadata.GetLineSpan().Path);
        // "/data" sits at offset 22..27 on line 2, columns 13..18 (0-based 12..17).
        Assert.Equal(22, config.SourceSpan.Start);
        Assert.Equal(27, config.SourceSpan.End);
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePositionSpan(new(1, 12), new(1, 17)), config.GetLineSpan().Span);
    }

    [Fact]
    public void A_second_configuration_file_is_an_error()
    {
        var run = GeneratorHarness.Run(
            new InMemoryAdditionalText("/a/datasette.yaml", "settings: {}\n"),
            new InMemoryAdditionalText("/b/datasette.json", "{}"));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("datasette.json(1,1): error DSG1001: Only one configuration file may be given to the generator: '/b/datasette.json' repeats '/a/datasette.yaml'", DiagnosticText.Format(diagnostic));
        Assert.Equal("/b/datasette.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(Golden.Read("Empty.g.cs.txt"), run.DeploymentSource);
    }

    private static void AssertSingle(string id, GeneratorRun run, string expected)
    {
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(expected, DiagnosticText.Format(diagnostic));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticDescriptorTests.CatalogueEntries().Single(d => d.Id == id).Title, diagnostic.Descriptor.Title.ToString());
        Assert.Equal("DatasetteGen", diagnostic.Descriptor.Category);
        // Errors leave the empty deployment behind, so nothing else fails to compile.
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
