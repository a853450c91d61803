using System.Text.Json;
using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Runtime.Json;

/// <summary>The members of /-/settings.json: every listed setting, in the table's (Datasette's) order.</summary>
internal static class SettingsJson
{
    public static void Write(Utf8JsonWriter writer, Settings settings)
    {
        foreach (var definition in SettingDefinition.All)
        {
            if (!definition.IsListed(settings))
            {
                continue;
            }
            switch (definition.Read(settings))
            {
                case long number:
                    writer.WriteNumber(definition.Name, number);
                    break;
                case bool flag:
                    writer.WriteBoolean(definition.Name, flag);
                    break;
                case var text:
                    writer.WriteString(definition.Name, (string)text);
                    break;
            }
        }
    }
}
