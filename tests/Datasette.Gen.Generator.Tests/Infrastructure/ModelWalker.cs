using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Datasette.Gen.Generator.Tests.Infrastructure;

/// <summary>
/// Walks an object graph by its fields and returns the path of any Roslyn object it finds:
/// those would pin compilations in the incremental cache and never compare equal.
/// </summary>
internal static class ModelWalker
{
    public static string? FindRoslynObject(object? root, string path = "output")
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        return Walk(root, path, visited);
    }

    private static string? Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value is Pointer)
        {
            return null;
        }
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is decimal)
        {
            return null;
        }
        if (value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location or AdditionalText or SyntaxToken)
        {
            return $"{path} is a {type.Name}";
        }
        if (!type.IsValueType && !visited.Add(value))
        {
            return null;
        }
        if (value is Array array)
        {
            var i = 0;
            foreach (var item in (IEnumerable)array)
            {
                if (Walk(item, $"{path}[{i++}]", visited) is { } found)
                {
                    return found;
                }
            }
            return null;
        }
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (Walk(field.GetValue(value), $"{path}.{field.Name}", visited) is { } found)
                {
                    return found;
                }
            }
        }
        return null;
    }
}
