using Datasette.Gen.Configuration.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Datasette.Gen.Generator.Diagnostics;

/// <summary>One Roslyn descriptor per catalogue entry, keyed by id.</summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "DatasetteGen";

    // Listed by hand rather than found by reflection; a test checks this list against DiagnosticCatalog.
    internal static readonly ConfigDiagnosticDescriptor[] Catalogue =
    {
        DiagnosticCatalog.InvalidSyntax,
        DiagnosticCatalog.RootNotMapping,
        DiagnosticCatalog.SettingsNotMapping,
        DiagnosticCatalog.UnknownSetting,
        DiagnosticCatalog.SettingWrongType,
        DiagnosticCatalog.InvalidBaseUrl,
        DiagnosticCatalog.SettingOutOfRange,
        DiagnosticCatalog.PageSizeOverMax,
        DiagnosticCatalog.QueryWithoutSql,
        DiagnosticCatalog.QuerySqlNotString,
        DiagnosticCatalog.InvalidQueryParams,
        DiagnosticCatalog.InvalidQueryName,
        DiagnosticCatalog.SortAndSortDesc,
        DiagnosticCatalog.InvalidSize,
        DiagnosticCatalog.SizeOverMax,
        DiagnosticCatalog.WrongShape,
        DiagnosticCatalog.InvalidFacet,
        DiagnosticCatalog.InvalidSearchMode,
        DiagnosticCatalog.InvalidAllowBlock,
        DiagnosticCatalog.UnknownAction,
        DiagnosticCatalog.InvalidExtraUrl,
        DiagnosticCatalog.InvalidReference,
        DiagnosticCatalog.DuplicateKey,
        DiagnosticCatalog.NullSetting,
        DiagnosticCatalog.UnknownKey,
        DiagnosticCatalog.MetadataKeyInConfig,
        DiagnosticCatalog.MigratedMetadataKey,
        DiagnosticCatalog.IgnoredMetadataKey,
        DiagnosticCatalog.UnknownDatabase,
        DiagnosticCatalog.UnknownTable,
        DiagnosticCatalog.UnknownColumn,
        DiagnosticCatalog.NotFtsTable,
        DiagnosticCatalog.InvalidQuerySql,
        DiagnosticCatalog.StaleSchemaSnapshot,
        DiagnosticCatalog.InvalidSchemaSnapshot,
        GeneratorCatalog.MultipleFiles,
        GeneratorCatalog.DuplicateActionName,
        GeneratorCatalog.DuplicateActionAbbr,
        GeneratorCatalog.ActionOutsidePlugin,
        GeneratorCatalog.UnknownRequiredAction,
        GeneratorCatalog.PluginNotCreatable,
        GeneratorCatalog.UnknownHook,
        GeneratorCatalog.HookSignatureMismatch,
        GeneratorCatalog.HookOutsidePlugin,
        GeneratorCatalog.DuplicatePluginName,
        GeneratorCatalog.DuplicateHook,
        GeneratorCatalog.UnknownTemplateName,
        GeneratorCatalog.TemplateForUnknownResource,
    };

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = Index();

    public static IEnumerable<DiagnosticDescriptor> All => ById.Values;

    public static DiagnosticDescriptor Get(string id, ConfigSeverity severity) =>
        ById.TryGetValue(id, out var descriptor) ? descriptor : Create(id, id, severity);

    private static Dictionary<string, DiagnosticDescriptor> Index()
    {
        var index = new Dictionary<string, DiagnosticDescriptor>(System.StringComparer.Ordinal);
        foreach (var entry in Catalogue)
        {
            index.Add(entry.Id, Create(entry.Id, entry.Title, entry.Severity));
        }
        return index;
    }

    // The binder has already formatted the message, so the descriptor passes it through verbatim.
    private static DiagnosticDescriptor Create(string id, string title, ConfigSeverity severity) => new(
        id,
        title,
        "{0}",
        Category,
        severity == ConfigSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        isEnabledByDefault: true);
}
