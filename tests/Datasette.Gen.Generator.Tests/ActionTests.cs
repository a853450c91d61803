using System.Collections.Generic;
using System.Linq;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Datasette.Gen.Generator.Tests;

/// <summary>[DatasetteAction] on [DatasettePlugin] classes: Deployment.Actions, permissions blocks, and the DSG1002–DSG1005 errors.</summary>
public sealed class ActionTests
{
    private const string Dashboards = """
        using Datasette.Gen.Configuration.Model;
        using Datasette.Gen.Runtime.Plugins;

        namespace App
        {
            [DatasettePlugin("dashboards")]
            [DatasetteAction("view-dashboard", "vdb", "View dashboards", resource: ResourceKind.Database)]
            [DatasetteAction("edit-dashboard", "edb", "Edit dashboards", ResourceKind.Database, alsoRequires: "view-dashboard")]
            public sealed class Dashboards
            {
            }
        }
        """;

    private static GeneratorRun Run(string? config, params string[] plugins) =>
        GeneratorHarness.Run(config, sources: PluginSources.Attributes.Concat(plugins).ToArray());

    [Fact]
    public void Plugin_actions_join_the_built_in_ones_sorted_by_name()
    {
        var run = Run(null, Dashboards);

        Assert.Empty(run.Diagnostics);
        Golden.Verify(run.ActionsSource, "Actions.g.cs.txt");
        var actions = GeneratedAssembly.Load(run.Output, assembly =>
            (IReadOnlyList<ActionDefinition>)assembly.GetType("Datasette.Gen.Generated.Deployment")!.GetProperty("Actions")!.GetValue(null)!);
        Assert.Equal(23, actions.Count);
        Assert.Equal(actions.Select(a => a.Name).OrderBy(n => n, System.StringComparer.Ordinal), actions.Select(a => a.Name));
        Assert.Equal(new ActionDefinition("edit-dashboard", "edb", ResourceKind.Database, "view-dashboard", false, "Edit dashboards"), actions.Single(a => a.Name == "edit-dashboard"));
        Assert.All(ActionDefinition.BuiltIn, builtIn => Assert.Contains(builtIn, actions));
    }

    [Fact]
    public void Without_plugins_the_actions_are_the_built_in_ones()
    {
        var run = GeneratorHarness.Run(config: null);

        var actions = GeneratedAssembly.Load(run.Output, assembly =>
            (IReadOnlyList<ActionDefinition>)assembly.GetType("Datasette.Gen.Generated.Deployment")!.GetProperty("Actions")!.GetValue(null)!);
        Assert.Equal(ActionDefinition.BuiltIn.OrderBy(a => a.Name, System.StringComparer.Ordinal), actions);
    }

    [Fact]
    public void Permissions_blocks_may_name_plugin_actions()
    {
        const string config = "permissions:\n  view-dashboard:\n    id: root\ndatabases:\n  db:\n    permissions:\n      edit-dashboard: true\n";

        Assert.Empty(Run(config, Dashboards).Diagnostics);
        Assert.Equal(
            new[]
            {
                "datasette.yaml(2,3): error DSG0020: Unknown action 'view-dashboard' in permissions",
                "datasette.yaml(7,7): error DSG0020: Unknown action 'edit-dashboard' in permissions",
            },
            DiagnosticText.Format(Run(config).Diagnostics.OrderBy(d => d.Location.GetLineSpan().StartLinePosition)));
    }

    public static TheoryData<string, string, string> Errors => new()
    {
        { "DSG1002", "[DatasettePlugin]\n[DatasetteAction(\"view-table\", \"xx\", \"Mine\")]", "Source4.cs(5,2): error DSG1002: Duplicate action name: view-table (already registered by a built-in action)" },
        { "DSG1002", "[DatasettePlugin]\n[DatasetteAction(\"a\", \"x1\", \"A\")]\n[DatasetteAction(\"a\", \"x2\", \"A again\")]", "Source4.cs(6,2): error DSG1002: Duplicate action name: a (already registered by global::App.Plugin)" },
        { "DSG1003", "[DatasettePlugin]\n[DatasetteAction(\"mine\", \"vt\", \"Mine\")]", "Source4.cs(5,2): error DSG1003: Duplicate action abbr: vt (already used by built-in action 'view-table')" },
        { "DSG1003", "[DatasettePlugin]\n[DatasetteAction(\"a\", \"ab\", \"A\")]\n[DatasetteAction(\"b\", \"ab\", \"B\")]", "Source4.cs(6,2): error DSG1003: Duplicate action abbr: ab (already used by action 'a' of global::App.Plugin)" },
        { "DSG1004", "[DatasetteAction(\"mine\", null, \"Mine\")]", "Source4.cs(4,2): error DSG1004: Action 'mine' is declared on global::App.Plugin, which is not marked [DatasettePlugin]" },
        { "DSG1005", "[DatasettePlugin]\n[DatasetteAction(\"mine\", null, \"Mine\", alsoRequires: \"view-tabel\")]", "Source4.cs(5,2): error DSG1005: Action 'mine' also requires unknown action 'view-tabel' (did you mean 'view-table'?)" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Action_errors_point_at_the_attribute(string id, string attributes, string expected)
    {
        var source = "using Datasette.Gen.Runtime.Plugins;\n\nnamespace App {\n" + attributes + "\npublic sealed class Plugin { }\n}\n";

        var run = Run(null, source);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(expected, DiagnosticText.Format(diagnostic));
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Every_generator_action_id_has_a_case()
    {
        var covered = Errors.Select(row => (string)row[0]).ToHashSet();

        Assert.Superset(new HashSet<string> { "DSG1002", "DSG1003", "DSG1004", "DSG1005" }, covered);
        Assert.Subset(new HashSet<string> { "DSG1002", "DSG1003", "DSG1004", "DSG1005" }, covered);
    }
}
