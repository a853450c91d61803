using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NetArchTest.Rules;

namespace Datasette.Gen.Tests.Architecture;

/// <summary>
/// Which namespaces of the runtime use which, read from the compiled assembly by NetArchTest
/// (types, signatures and method bodies). Namespaces are compared exactly: Endpoints and
/// Endpoints.Tables are two rooms.
/// </summary>
internal sealed class NamespaceGraph
{
    public const string Root = "Datasette.Gen.Runtime";

    private readonly Assembly? _assembly;

    private NamespaceGraph(IReadOnlyDictionary<string, SortedSet<string>> edges, IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>> users, Assembly? assembly = null)
    {
        _assembly = assembly;
        Edges = edges;
        Users = users;
    }

    /// <summary>Namespace → the other runtime namespaces its types use.</summary>
    public IReadOnlyDictionary<string, SortedSet<string>> Edges { get; }

    /// <summary>The types of one namespace that use another: what a failure message names.</summary>
    public IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>> Users { get; }

    /// <summary>"A -> B (TypeA, TypeB)": one edge with the types that make it.</summary>
    public string Describe(string from, string to) =>
        $"{from} -> {to} ({string.Join(", ", Users[(from, to)].Select(t => t[(Real(from).Length + 1)..]))})";

    /// <summary>
    /// The Razor compiler puts every compiled template (src/Runtime/Html/Slices) in this namespace;
    /// the graph files them under the Html room, so the templates obey its rules too.
    /// </summary>
    public const string RazorNamespace = "AspNetCoreGeneratedDocument";

    public const string SlicesNamespace = Root + ".Html.Slices";

    private static string Real(string ns) => ns == SlicesNamespace ? RazorNamespace : ns;

    public static NamespaceGraph Of(Assembly assembly)
    {
        var typesByNamespace = assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns == Root || ns.StartsWith(Root + ".", StringComparison.Ordinal) || ns == RazorNamespace))
            .Where(t => !t.Name.StartsWith('<'))
            .GroupBy(t => t.Namespace == RazorNamespace ? SlicesNamespace : t.Namespace!)
            .ToDictionary(g => g.Key, g => g.Select(t => t.FullName!.Replace('+', '/')).ToArray());
        var types = Types.InAssembly(assembly);
        var edges = new Dictionary<string, SortedSet<string>>();
        var users = new Dictionary<(string, string), IReadOnlyList<string>>();
        foreach (var from in typesByNamespace.Keys)
        {
            var uses = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var (to, targetTypes) in typesByNamespace)
            {
                // Each type of the target namespace by full name: a namespace prefix would also
                // match its children (Endpoints would match Endpoints.Tables).
                if (to == from)
                {
                    continue;
                }
                var result = types.That().ResideInNamespaceMatching("^" + Escape(Real(from)) + "$")
                    .ShouldNot().HaveDependencyOnAny(targetTypes).GetResult();
                if (!result.IsSuccessful)
                {
                    uses.Add(to);
                    users[(from, to)] = result.FailingTypeNames.Order(StringComparer.Ordinal).ToArray();
                }
            }
            edges[from] = uses;
        }
        return new NamespaceGraph(edges, users, assembly);
    }

    /// <summary>The same graph with every edge into <paramref name="target"/> left out.</summary>
    public NamespaceGraph WithoutEdgesInto(string target) => new(
        Edges.ToDictionary(e => e.Key, e => new SortedSet<string>(e.Value.Where(to => to != target), StringComparer.Ordinal)),
        Users.Where(u => u.Key.To != target).ToDictionary(u => u.Key, u => u.Value));

    /// <summary>A two-node graph with a cycle, to show the cycle search finds one.</summary>
    public static NamespaceGraph Cyclic(string a, string b) => new(
        new Dictionary<string, SortedSet<string>> { [a] = new([b]), [b] = new([a]) },
        new Dictionary<(string, string), IReadOnlyList<string>>());

    /// <summary>The types of namespace <paramref name="ns"/> that use the type <paramref name="typeName"/>.</summary>
    public IReadOnlyList<string> TypesUsing(string ns, string typeName) =>
        Types.InAssembly(_assembly!).That().ResideInNamespaceMatching("^" + Escape(ns) + "$")
            .ShouldNot().HaveDependencyOn(typeName).GetResult().FailingTypeNames?.ToList() ?? [];

    /// <summary>Some cycle as a path (first namespace repeated at its end), or null when there is none.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var state = new Dictionary<string, int>(); // 1 = on the current path, 2 = done
        var path = new List<string>();
        foreach (var start in Edges.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }
        return null;

        List<string>? Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2)
            {
                return null;
            }
            if (state.GetValueOrDefault(node) == 1)
            {
                return [.. path[path.IndexOf(node)..], node];
            }
            state[node] = 1;
            path.Add(node);
            foreach (var next in Edges.GetValueOrDefault(node) ?? [])
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    private static string Escape(string ns) => ns.Replace(".", "\\.");
}
