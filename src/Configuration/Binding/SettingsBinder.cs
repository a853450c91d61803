using Datasette.Gen.Configuration.Diagnostics;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Configuration.Binding;

/// <summary>Binds the <c>settings:</c> block with Datasette's exact type rules, then checks ranges.</summary>
internal static class SettingsBinder
{
    public static Settings Bind(ConfigNode? node, BindContext context)
    {
        var settings = Settings.Default;
        if (node is null)
        {
            return settings;
        }
        if (node is not ConfigMapping mapping)
        {
            context.Report(DiagnosticCatalog.SettingsNotMapping, node.Span, BindContext.Describe(node));
            return settings;
        }
        foreach (var entry in mapping.Entries)
        {
            if (!SettingDefinition.TryGet(entry.Key, out var definition))
            {
                var removed = entry.Key is "hash_urls" or "default_cache_ttl_hashed" ? " (removed in Datasette 1.0)" : string.Empty;
                context.Report(DiagnosticCatalog.UnknownSetting, entry.KeySpan, entry.Key, removed);
                continue;
            }
            if (entry.Value is not ConfigScalar scalar)
            {
                context.Report(DiagnosticCatalog.SettingWrongType, entry.Value.Span, entry.Key, definition.PythonType, entry.Value.TypeName, entry.Value.TypeName);
                continue;
            }
            if (scalar.Kind == ScalarKind.Null)
            {
                context.Report(DiagnosticCatalog.NullSetting, scalar.Span, entry.Key, Format(definition.Default));
                continue;
            }
            var expected = definition.Kind switch
            {
                SettingKind.Integer => ScalarKind.Integer,
                SettingKind.Boolean => ScalarKind.Boolean,
                _ => ScalarKind.String,
            };
            if (scalar.Kind != expected)
            {
                context.Report(DiagnosticCatalog.SettingWrongType, scalar.Span, entry.Key, definition.PythonType, scalar.TypeName, scalar.PythonRepr);
                continue;
            }
            object value = definition.Kind switch
            {
                SettingKind.Integer => scalar.IntegerValue,
                SettingKind.Boolean => scalar.BooleanValue,
                _ => scalar.Text,
            };
            if (definition.Kind == SettingKind.Integer && !CheckRange(definition, scalar, context))
            {
                continue;
            }
            if (entry.Key == "base_url" && !IsValidBaseUrl(scalar.Text))
            {
                context.Report(DiagnosticCatalog.InvalidBaseUrl, scalar.Span, scalar.Text);
                continue;
            }
            settings = definition.Write(settings, value);
        }
        if (settings.DefaultPageSize > settings.MaxReturnedRows)
        {
            var span = (mapping.Entry("default_page_size") ?? mapping.Entry("max_returned_rows"))!.Value.Span;
            context.Report(DiagnosticCatalog.PageSizeOverMax, span, settings.DefaultPageSize, settings.MaxReturnedRows);
        }
        return settings;
    }

    public static bool IsValidBaseUrl(string value) => value.Length > 0 && value[0] == '/' && value[value.Length - 1] == '/';

    private static bool CheckRange(SettingDefinition definition, ConfigScalar scalar, BindContext context)
    {
        var value = scalar.IntegerValue;
        if (value < definition.Minimum)
        {
            var bound = definition.Minimum == 0 ? "0 or greater" : "greater than " + (definition.Minimum - 1);
            context.Report(DiagnosticCatalog.SettingOutOfRange, scalar.Span, definition.Name, bound, value);
            return false;
        }
        if (value > definition.Maximum)
        {
            context.Report(DiagnosticCatalog.SettingOutOfRange, scalar.Span, definition.Name, "at most " + definition.Maximum, value);
            return false;
        }
        return true;
    }

    private static string Format(object value) => value switch
    {
        bool b => b ? "True" : "False",
        string s => "'" + s + "'",
        _ => System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };
}
