using System.IO;
using System.Linq;
using System.Text.Json;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Json;
using Xunit;

namespace Datasette.Gen.Tests.Json;

/// <summary>/-/settings.json lists what SettingDefinition.All declares, in its order, with each setting's value.</summary>
public sealed class SettingsJsonTests
{
    [Fact]
    public void Defaults_list_Datasettes_settings_only_in_table_order()
    {
        var listed = Members(Settings.Default).Select(p => p.Name);

        Assert.Equal(SettingDefinition.All.Where(d => !d.ListedOnlyWhenChanged).Select(d => d.Name), listed);
    }

    [Fact]
    public void Every_changed_setting_is_listed_with_its_value()
    {
        foreach (var definition in SettingDefinition.All)
        {
            object changed = definition.Default switch
            {
                long number => number + 1,
                bool flag => !flag,
                _ => (string)definition.Default + "changed/",
            };
            var member = Assert.Single(Members(definition.Write(Settings.Default, changed)), p => p.Name == definition.Name);

            Assert.Equal(changed, member.Value);
        }
    }

    /// <summary>The written members, each value as the table's untyped API carries it.</summary>
    private static (string Name, object Value)[] Members(Settings settings)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            SettingsJson.Write(writer, settings);
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.ValueKind switch
        {
            JsonValueKind.Number => (object)p.Value.GetInt64(),
            JsonValueKind.True or JsonValueKind.False => p.Value.GetBoolean(),
            _ => p.Value.GetString()!,
        })).ToArray();
    }
}
