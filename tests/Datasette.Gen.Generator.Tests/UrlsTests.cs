using System.Linq;
using System.Reflection;
using Datasette.Gen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using static Datasette.Gen.Generator.Tests.Infrastructure.TestSnapshots;

namespace Datasette.Gen.Generator.Tests;

/// <summary>Urls.g.cs: typed URL accessors, compiled and called.</summary>
public sealed class UrlsTests
{
    private const string LandmarksByKind = "select landmarks.name, cities.name as city, landmarks.opened\nfrom landmarks join cities on cities.id = landmarks.city_id\nwhere kind = :kind\norder by landmarks.opened";

    /// <summary>The demo database of app/ as its snapshot describes it.</summary>
    private static readonly string DemoSnapshot = Json(Database(
        "demo",
        new[]
        {
            Table("cities", new[] { "id INTEGER", "name TEXT", "country_code TEXT", "population INTEGER", "area_km2 REAL", "founded INTEGER" }, new[] { "id" }),
            Table("countries", new[] { "code TEXT", "name TEXT", "continent TEXT" }, new[] { "code" }),
            Table("landmarks", new[] { "id INTEGER", "name TEXT", "city_id INTEGER", "kind TEXT", "opened INTEGER", "description TEXT" }, new[] { "id" }, ftsTable: "landmarks_fts"),
            Fts("landmarks_fts", "landmarks", "name", "description"),
            Table("visitor_counts", new[] { "landmark_id INTEGER", "year INTEGER", "visitors INTEGER" }, new[] { "landmark_id", "year" }),
            View("large_cities", "city", "country", "population"),
            Table("notes", new[] { "body TEXT" }),
        },
        (LandmarksByKind, null)));

    private static readonly string DemoConfig = Repository.ReadText("datasette.yaml");

    [Fact]
    public void The_default_deployment_gets_typed_urls()
    {
        var run = GeneratorHarness.Run(DemoConfig, snapshot: DemoSnapshot);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(DiagnosticText.Format(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)));
        GeneratedAssembly.Load(run.Output, assembly =>
        {
            Assert.Equal("/", Call(assembly, "Urls", "Instance"));
            Assert.Equal("/.json", Call(assembly, "Urls", "InstanceJson"));
            Assert.Equal("/demo", Call(assembly, "Urls+Demo", "Html"));
            Assert.Equal("/demo.json", Call(assembly, "Urls+Demo", "Json"));
            Assert.Equal("/demo/cities.json", Call(assembly, "Urls+Demo+Cities", "Json"));
            Assert.Equal("/demo/cities.csv", Call(assembly, "Urls+Demo+Cities", "Csv"));
            Assert.Equal("/demo/cities/3", Call(assembly, "Urls+Demo+Cities", "Row", 3L));
            Assert.Equal("/demo/cities/-3.json", Call(assembly, "Urls+Demo+Cities", "RowJson", -3L));
            Assert.Equal("/demo/countries/a~2Fb+c~2E~C3~A9", Call(assembly, "Urls+Demo+Countries", "Row", "a/b c.\u00e9"));
            Assert.Equal("/demo/visitor_counts/1,2020.json", Call(assembly, "Urls+Demo+VisitorCounts", "RowJson", 1L, 2020L));
            Assert.Equal("/demo/notes/7", Call(assembly, "Urls+Demo+Notes", "Row", 7L)); // rowid table
            Assert.Equal("/demo/large_cities.json", Call(assembly, "Urls+Demo+LargeCities", "Json"));
            Assert.Equal("/demo/landmarks_by_kind.json?kind=museum", Call(assembly, "Urls+Demo+LandmarksByKind", "Json", "museum"));
            Assert.Equal("/demo/landmarks_by_kind.csv?kind=a+%26+b%3D%C3%A9", Call(assembly, "Urls+Demo+LandmarksByKind", "Csv", "a & b=\u00e9"));
            Assert.Equal("/demo/landmarks_by_kind", Call(assembly, "Urls+Demo+LandmarksByKind", "Html", new object?[] { null }));

            var demo = assembly.GetType("Datasette.Gen.Generated.Urls+Demo")!;
            Assert.Equal(
                new[] { "Cities", "Countries", "LandmarksByKind", "Landmarks", "LargeCities", "Notes", "VisitorCounts" }.Order(),
                demo.GetNestedTypes().Select(t => t.Name).Order());
            Assert.Null(demo.GetNestedType("LargeCities")!.GetMethod("Row")); // a view has no row pages
            var parameter = demo.GetNestedType("LandmarksByKind")!.GetMethod("Json")!.GetParameters().Single();
            Assert.Equal(("kind", typeof(string)), (parameter.Name, parameter.ParameterType));
            return 0;
        });
    }

    [Fact]
    public void A_base_url_with_a_dot_moves_the_format_into_the_query_string()
    {
        var config = "settings:\n  base_url: /v1.0/\n" + DemoConfig.Substring(DemoConfig.IndexOf("databases:", System.StringComparison.Ordinal));

        var run = GeneratorHarness.Run(config, snapshot: DemoSnapshot);

        Assert.Empty(run.Diagnostics);
        GeneratedAssembly.Load(run.Output, assembly =>
        {
            Assert.Equal("/v1.0/", Call(assembly, "Urls", "Instance"));
            Assert.Equal("/v1.0/?_format=json", Call(assembly, "Urls", "InstanceJson"));
            Assert.Equal("/v1.0/demo/cities?_format=json", Call(assembly, "Urls+Demo+Cities", "Json"));
            Assert.Equal("/v1.0/demo/cities/1?_format=json", Call(assembly, "Urls+Demo+Cities", "RowJson", 1L));
            Assert.Equal("/v1.0/demo/landmarks_by_kind?_format=json&kind=museum", Call(assembly, "Urls+Demo+LandmarksByKind", "Json", "museum"));
            Assert.Equal("/v1.0/demo/landmarks_by_kind?kind=museum", Call(assembly, "Urls+Demo+LandmarksByKind", "Html", "museum"));
            return 0;
        });
    }

    [Fact]
    public void Names_become_unique_valid_identifiers()
    {
        const string config = """
            databases:
              my-db:
                tables:
                  Html: {}
                  row: {}
                  MyDb: {}
                  "2020 sales": {}
                  "caf\u00e9 \u00fcber": {}
                  "\u65e5\u672c": {}
                queries:
                  row: select 1
                  search:
                    sql: select * from t where a = :class and b = :Class and c = :_actor_id and d = :_now_epoch
                  explicit:
                    sql: select :ignored
                    params: [from, to]
              my_db: {}
              Json: {}
            """;

        var run = GeneratorHarness.Run(config);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(DiagnosticText.Format(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)));
        GeneratedAssembly.Load(run.Output, assembly =>
        {
            var urls = assembly.GetType("Datasette.Gen.Generated.Urls")!;
            Assert.Equal(new[] { "Json2", "MyDb", "MyDb2" }, urls.GetNestedTypes().Select(t => t.Name).Order());
            Assert.Equal("my-db", urls.GetNestedType("MyDb")!.GetField("Name")!.GetValue(null));
            var db = urls.GetNestedType("MyDb")!;
            Assert.Equal(
                new[] { "CafBer", "Explicit", "Html2", "MyDb2", "Row2", "Search", "Table", "_2020Sales" }.Order(),
                db.GetNestedTypes().Select(t => t.Name).Order());
            Assert.Equal("/my-db/~E6~97~A5~E6~9C~AC.json", Call(assembly, "Urls+MyDb+Table", "Json"));
            Assert.Equal("/my-db/2020+sales", Call(assembly, "Urls+MyDb+_2020Sales", "Html"));
            Assert.Equal("/my-db/search?class=1&Class=2", Call(assembly, "Urls+MyDb+Search", "Html", "1", "2"));
            Assert.Equal(new[] { "class", "class2" }, db.GetNestedType("Search")!.GetMethod("Html")!.GetParameters().Select(p => p.Name));
            Assert.Equal("/my-db/explicit.json?to=b", Call(assembly, "Urls+MyDb+Explicit", "Json", null, "b"));
            return 0;
        });
    }

    [Fact]
    public void Full_deployment_urls_match_golden()
    {
        var run = GeneratorHarness.Run(Golden.Read("Full/datasette.yaml"), Golden.Read("Full/metadata.yaml"), Golden.Read("Full/datasette.schema.json"));

        Assert.Empty(run.Diagnostics);
        Golden.Verify(run.UrlsSource, "Urls.g.cs.txt");
        Assert.Empty(DiagnosticText.Format(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)));
    }

    private static object? Call(Assembly assembly, string type, string method, params object?[] arguments) =>
        GeneratedAssembly.Call(assembly, type, method, arguments);
}
