using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Datasette.Gen.Configuration.Diagnostics;
using Datasette.Gen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Datasette.Gen.Generator.Tests;

public sealed class DiagnosticDescriptorTests
{
    /// <summary>Every descriptor the catalogue declares, found by reflection (the generator lists them by hand).</summary>
    public static IReadOnlyList<ConfigDiagnosticDescriptor> CatalogueEntries() => typeof(DiagnosticCatalog)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.FieldType == typeof(ConfigDiagnosticDescriptor))
        .Select(field => (ConfigDiagnosticDescriptor)field.GetValue(null)!)
        .ToList();

    [Fact]
    public void The_generator_lists_every_catalogue_entry()
    {
        var listed = DiagnosticDescriptors.Catalogue.Select(d => d.Id).ToHashSet();

        Assert.Empty(CatalogueEntries().Select(d => d.Id).Except(listed));
    }

    [Fact]
    public void Roslyn_descriptors_mirror_the_catalogue()
    {
        foreach (var entry in DiagnosticDescriptors.Catalogue)
        {
            var descriptor = DiagnosticDescriptors.Get(entry.Id, entry.Severity);
            Assert.Equal(entry.Id, descriptor.Id);
            Assert.Equal(entry.Title, descriptor.Title.ToString());
            Assert.Equal(DiagnosticDescriptors.Category, descriptor.Category);
            Assert.Equal(entry.Severity == ConfigSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
            Assert.True(descriptor.IsEnabledByDefault);
        }
        Assert.Equal(DiagnosticDescriptors.Catalogue.Length, DiagnosticDescriptors.All.Count());
    }
}
