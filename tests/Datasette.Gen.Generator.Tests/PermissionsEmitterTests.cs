using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Binding;
using Datasette.Gen.Configuration.Permissions;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Datasette.Gen.Generator.Tests;

/// <summary>Deployment.Permissions.g.cs: compiled allow-block matchers and rules, checked against the interpreted model.</summary>
public sealed class PermissionsEmitterTests
{
    private static readonly string FullConfig = Golden.Read("Full/datasette.yaml");
    private static readonly string FullMetadata = Golden.Read("Full/metadata.yaml");

    /// <summary>Every shape actor_matches_allow distinguishes (permissions spec §7), one block each.</summary>
    private const string MatcherConfig = """
        allow:
          id: root
        allow_sql:
          unauthenticated: true
        permissions:
          debug-menu: true
          permissions-debug: false
          view-instance: 1
          create-table: 0
        databases:
          db:
            allow:
              id: ["simon", "cleopaws"]
              role: ops
            allow_sql:
              id: "*"
            permissions:
              create-view:
                roles: [developer]
              store-query:
                id: ["*"]
              execute-write-sql: {}
              insert-row:
                unauthenticated: false
            tables:
              numbers:
                allow:
                  id: 5
              floats:
                allow:
                  score: 1.5
              flags:
                allow:
                  admin: true
              caf:
                allow:
                  name: "café ☕"
              mixed:
                allow:
                  id: [5, "5", true]
                  unauthenticated: true
        """;

    /// <summary>Actors covering each comparison rule: absent keys, null values, lists, numbers vs strings, booleans.</summary>
    private static readonly string?[] Actors =
    {
        null,
        "{}",
        """{"id": "root"}""",
        """{"id": "root", "name": "R"}""",
        """{"id": "cleopaws"}""",
        """{"id": "trevor", "role": ["ops", "staff"]}""",
        """{"id": "x", "roles": ["staff", "developer"]}""",
        """{"id": ["a", "simon"]}""",
        """{"id": null}""",
        """{"bot": "readme-bot"}""",
        """{"id": 5}""",
        """{"id": "5"}""",
        """{"id": 5.0}""",
        """{"id": true}""",
        """{"id": 1}""",
        """{"id": [1, 2]}""",
        """{"id": {"nested": "root"}}""",
        """{"id": [["root"]]}""",
        """{"score": 1.5}""",
        """{"score": "1.5"}""",
        """{"admin": true}""",
        """{"admin": 1}""",
        """{"admin": "true"}""",
        """{"name": "café ☕"}""",
        """{"unauthenticated": true}""",
        """{"unauthenticated": false}""",
        """{"id": "*"}""",
        """{"id": "*", "_r": {"a": ["vi"]}}""",
    };

    [Fact]
    public void Full_deployment_permissions_match_golden()
    {
        var run = GeneratorHarness.Run(FullConfig, FullMetadata);

        Golden.Verify(run.Source(PermissionsHint), "Full.Permissions.g.cs.txt");
    }

    [Fact]
    public void No_configuration_emits_empty_permissions()
    {
        var run = GeneratorHarness.Run(config: null);

        Assert.Contains("CompiledPermissions.Empty", run.Source(PermissionsHint));
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var compiled = LoadPermissions(run.Output, p => p);
        Assert.Same(CompiledPermissions.Empty, compiled);
    }

    [Fact]
    public void Generated_model_equals_the_model_the_runtime_compiles()
    {
        var bound = ConfigBinder.Bind(ConfigReader.Read("datasette.yaml", FullConfig), ConfigReader.Read("metadata.yaml", FullMetadata));
        var expected = PermissionCompiler.Compile(bound.Config);
        var run = GeneratorHarness.Run(FullConfig, FullMetadata);

        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var (model, interpreted) = LoadPermissions(run.Output, p => (p.Model, p.IsInterpreted));
        Assert.Equal(expected, model);
        Assert.False(interpreted);
        Assert.NotEmpty(model.Rules);
    }

    [Fact]
    public void Compiled_and_interpreted_matchers_agree_on_every_actor_and_block()
    {
        var run = GeneratorHarness.Run(MatcherConfig);
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

        var (table, blocks) = LoadPermissions(run.Output, compiled =>
        {
            var interpreted = CompiledPermissions.Interpret(compiled.Model);
            var rows = new List<(string Block, string Actor, bool Compiled, bool Interpreted)>();
            for (var b = 0; b < compiled.Model.Blocks.Count; b++)
            {
                foreach (var actor in Actors)
                {
                    var values = TestActor.Parse(actor);
                    rows.Add((compiled.Model.Blocks[b].Json, actor ?? "null", compiled.Matchers[b](values), interpreted.Matchers[b](values)));
                }
            }
            return (rows, compiled.Model.Blocks.Count);
        });

        Assert.True(blocks >= 14, $"expected every block shape, got {blocks}");
        Assert.All(table, row => Assert.True(row.Compiled == row.Interpreted, $"{row.Block} vs {row.Actor}: compiled {row.Compiled}, interpreted {row.Interpreted}"));
        // Spot checks against the reference table of permissions spec §7.
        bool Decision(string block, string? actor) => table.Single(r => r.Block == block && r.Actor == (actor ?? "null")).Compiled;
        Assert.True(Decision("""{"id": "root"}""", """{"id": "root", "name": "R"}"""));
        Assert.True(Decision("""{"id": ["simon", "cleopaws"], "role": "ops"}""", """{"id": "trevor", "role": ["ops", "staff"]}"""));
        Assert.True(Decision("""{"id": "*"}""", """{"id": null}"""));
        Assert.False(Decision("""{"id": "*"}""", """{"bot": "readme-bot"}"""));
        Assert.False(Decision("""{"id": "*"}""", null));
        Assert.True(Decision("""{"unauthenticated": true}""", null));
        Assert.False(Decision("""{"unauthenticated": true}""", """{"id": "root"}"""));
        Assert.False(Decision("""{"id": 5}""", """{"id": "5"}"""));
        Assert.True(Decision("""{"id": 5}""", """{"id": 5.0}"""));
        Assert.True(Decision("""{"admin": true}""", """{"admin": 1}"""));
        Assert.False(Decision("""{"admin": true}""", """{"admin": "true"}"""));
        Assert.False(Decision("{}", """{"id": "root"}"""));
        Assert.False(Decision("""{"id": ["*"]}""", """{"id": "root"}"""));
        Assert.True(Decision("""{"id": ["*"]}""", """{"id": "*"}"""));
    }

    private const string PermissionsHint = "Deployment.Permissions.g.cs";

    private static T LoadPermissions<T>(Compilation compilation, Func<CompiledPermissions, T> read) =>
        GeneratedAssembly.Load(compilation, assembly =>
        {
            var deployment = assembly.GetType("Datasette.Gen.Generated.Deployment", throwOnError: true)!;
            return read((CompiledPermissions)deployment.GetProperty("Permissions")!.GetValue(null)!);
        });

    /// <summary>An actor JSON object answering the matcher's questions with Python's equality.</summary>
    private sealed class TestActor(JsonObject actor) : IActorValues
    {
        public static TestActor? Parse(string? json) => json is null ? null : new TestActor(JsonNode.Parse(json)!.AsObject());

        public bool HasKey(string key) => actor.ContainsKey(key);

        public bool HasString(string key, string value) => Any(key, v => v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == value);

        public bool HasInteger(string key, long value) => Any(key, v => Number(v) == value);

        public bool HasFloat(string key, double value) => Any(key, v => Number(v) == value);

        private static double? Number(JsonValue value) => value.GetValueKind() switch
        {
            JsonValueKind.True => 1,
            JsonValueKind.False => 0,
            JsonValueKind.Number => value.GetValue<double>(),
            _ => null,
        };

        private bool Any(string key, Func<JsonValue, bool> equals) => actor[key] switch
        {
            null => false,
            JsonArray list => list.Any(item => item is JsonValue v && equals(v)),
            JsonValue single => equals(single),
            _ => false,
        };
    }
}
