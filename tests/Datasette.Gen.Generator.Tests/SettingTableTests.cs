using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using Datasette.Gen.Configuration.Binding;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Generator.Tests.Infrastructure;
using Xunit;

namespace Datasette.Gen.Generator.Tests;

/// <summary>
/// SettingDefinition.All is the one declaration of every setting: each row must reach a Settings
/// property, the binder and the generator's literal, and no property may lack a row.
/// </summary>
public sealed class SettingTableTests
{
    [Fact]
    public void Every_Settings_property_has_exactly_one_definition()
    {
        var properties = typeof(Settings).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order();
        var rows = SettingDefinition.All.Select(d => d.PropertyName).Order();

        Assert.Equal(properties, rows);
        Assert.Equal(SettingDefinition.All.Count, SettingDefinition.All.Select(d => d.Name).Distinct().Count());
    }

    [Fact]
    public void Defaults_come_from_the_table()
    {
        foreach (var definition in SettingDefinition.All)
        {
            Assert.True(Equals(definition.Default, definition.Read(Settings.Default)), definition.Name);
            Assert.True(definition.Read(Settings.Default) is long or bool or string, definition.Name);
        }
    }

    [Fact]
    public void Every_setting_round_trips_from_yaml_through_the_binder_and_the_generated_deployment()
    {
        var yaml = new StringBuilder("settings:\n");
        foreach (var definition in SettingDefinition.All)
        {
            yaml.Append("  ").Append(definition.Name).Append(": ").Append(Yaml(NonDefault(definition))).Append('\n');
        }

        var bound = ConfigBinder.Bind(ConfigReader.Read("datasette.yaml", yaml.ToString()), null);
        Assert.Empty(bound.Diagnostics);
        foreach (var definition in SettingDefinition.All)
        {
            Assert.True(Equals(NonDefault(definition), definition.Read(bound.Config.Settings)), "bound " + definition.Name);
        }

        var run = GeneratorHarness.Run(yaml.ToString());
        Assert.Empty(run.Diagnostics);
        foreach (var definition in SettingDefinition.All)
        {
            Assert.Contains(definition.PropertyName + " = ", run.DeploymentSource, System.StringComparison.Ordinal);
        }
        var (config, _) = GeneratedAssembly.LoadDeployment(run.Output);
        Assert.Equal(bound.Config.Settings, config.Settings);
    }

    [Fact]
    public void Integer_ranges_come_from_the_table()
    {
        foreach (var definition in SettingDefinition.All.Where(d => d.Kind == SettingKind.Integer))
        {
            var below = ConfigBinder.Bind(ConfigReader.Read("datasette.yaml", $"settings:\n  {definition.Name}: {definition.Minimum - 1}\n"), null);
            Assert.Equal("DSG0007", Assert.Single(below.Diagnostics).Id);

            if (definition.Maximum < long.MaxValue)
            {
                var above = ConfigBinder.Bind(ConfigReader.Read("datasette.yaml", $"settings:\n  {definition.Name}: {definition.Maximum + 1}\n"), null);
                Assert.Equal("DSG0007", Assert.Single(above.Diagnostics).Id);
            }
        }
    }

    /// <summary>A valid value other than the default, as the table's untyped API carries it.</summary>
    private static object NonDefault(SettingDefinition definition) => definition.Default switch
    {
        long number => number + 1,
        bool flag => !flag,
        _ => (string)definition.Default + "changed/",
    };

    private static string Yaml(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        long number => number.ToString(CultureInfo.InvariantCulture),
        _ => "\"" + value + "\"",
    };
}
