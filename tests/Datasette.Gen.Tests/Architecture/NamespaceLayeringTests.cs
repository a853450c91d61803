using System;
using System.Collections.Generic;
using System.Linq;

namespace Datasette.Gen.Tests.Architecture;

/// <summary>
/// The rooms of the runtime (docs/architecture.md) as a rule the build checks: a request walks one
/// way, from the HTTP layer through the endpoints and querying down to data, SQL and JSON, and no
/// room uses one above it. The facade (<c>Datasette</c>, the plugin API) is the one sanctioned loop:
/// it binds the endpoints, and endpoints and plugin hooks are written against it as Datasette's
/// views are written against <c>ds</c>; nothing below the endpoints may know it.
/// </summary>
public sealed class NamespaceLayeringTests
{
    private const string Facade = NamespaceGraph.Root;

    /// <summary>Bottom to top; "X.*" is every namespace under X. A room may use its own layer and those below.</summary>
    private static readonly string[][] Layers =
    [
        ["Errors", "Signing"],
        ["Data"],
        ["Sql", "Json"],
        ["Csv", "Permissions"],
        ["Internal"],
        ["Http"],
        ["Querying", "Extras"],
        ["Plugins", "Plugins.*", "Client", "ColumnTypes", "Tokens", "Events"],
        ["Html", "Html.*"],
        ["Endpoints.*", "OpenApi"],
        ["Endpoints"],
        [""],
        ["Hosting"],
    ];

    /// <summary>The rooms that may call the facade: the endpoints, the plugin surface whose hooks receive it, hosting.</summary>
    private static readonly string[] FacadeUsers = ["Endpoints", "Endpoints.*", "OpenApi", "Plugins", "Plugins.*", "Client", "ColumnTypes", "Tokens", "Events", "Hosting"];

    private static readonly Lazy<NamespaceGraph> Graph = new(() => NamespaceGraph.Of(typeof(Datasette.Gen.Runtime.Datasette).Assembly));

    [Fact]
    public void Every_runtime_namespace_belongs_to_a_layer()
    {
        var unplaced = Graph.Value.Edges.Keys.Where(ns => LayerOf(ns) < 0).ToList();
        Assert.True(unplaced.Count == 0, "Namespaces missing from the layer table: " + string.Join(", ", unplaced));
    }

    [Fact]
    public void No_room_uses_a_room_above_it()
    {
        var upward = Edges()
            .Where(e => e.To != Facade && LayerOf(e.To) > LayerOf(e.From))
            .Select(e => Graph.Value.Describe(e.From, e.To))
            .ToList();
        Assert.True(upward.Count == 0, "Uses of a higher layer:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void Only_endpoints_and_the_plugin_surface_know_the_facade()
    {
        var users = Edges()
            .Where(e => e.To == Facade && !FacadeUsers.Any(pattern => Matches(e.From, pattern)))
            .Select(e => Graph.Value.Describe(e.From, e.To))
            .ToList();
        Assert.True(users.Count == 0, "Rooms below the endpoints that use the facade:\n" + string.Join("\n", users));
    }

    [Fact]
    public void No_namespace_cycles_outside_the_facade()
    {
        var cycle = Graph.Value.WithoutEdgesInto(Facade).FindCycle();
        Assert.True(cycle is null, "Namespace cycle: " + string.Join(" -> ", cycle ?? []));
    }

    [Fact]
    public void Querying_is_given_arguments_not_the_request()
    {
        var users = Graph.Value.TypesUsing("Datasette.Gen.Runtime.Querying", "Datasette.Gen.Runtime.Http.DatasetteRequest");
        Assert.True(users.Count == 0, "Querying types that take the request: " + string.Join(", ", users));
    }

    [Fact]
    public void The_checks_see_real_dependencies()
    {
        // Guards the rules above against passing vacuously (e.g. a graph read from the wrong assembly).
        Assert.Contains("Datasette.Gen.Runtime.Data", Graph.Value.Edges["Datasette.Gen.Runtime.Sql"]);
        Assert.Contains("Datasette.Gen.Runtime.Querying", Graph.Value.Edges["Datasette.Gen.Runtime.Endpoints.Tables"]);
        // The compiled templates are in the graph, under the Html room.
        Assert.Contains("Datasette.Gen.Runtime.Html", Graph.Value.Edges[NamespaceGraph.SlicesNamespace]);
        Assert.NotNull(NamespaceGraph.Cyclic("A", "B").FindCycle());
    }

    private static IEnumerable<(string From, string To)> Edges() =>
        Graph.Value.Edges.SelectMany(e => e.Value.Select(to => (e.Key, to)));

    private static int LayerOf(string ns)
    {
        for (var i = 0; i < Layers.Length; i++)
        {
            if (Layers[i].Any(pattern => Matches(ns, pattern)))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool Matches(string ns, string pattern)
    {
        var relative = ns == Facade ? "" : ns[(Facade.Length + 1)..];
        return pattern.EndsWith(".*", StringComparison.Ordinal)
            ? relative.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : relative == pattern;
    }
}
