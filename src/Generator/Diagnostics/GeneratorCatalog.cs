using Datasette.Gen.Configuration.Diagnostics;

namespace Datasette.Gen.Generator.Diagnostics;

/// <summary>Diagnostics only the generator can raise, numbered from DSG1001 to stay clear of the shared catalogue.</summary>
internal static class GeneratorCatalog
{
    /// <summary>Two datasette.* (or metadata.*, or schema snapshot) files among the AdditionalFiles: which one wins would be a guess.</summary>
    public static readonly ConfigDiagnosticDescriptor MultipleFiles = new(
        "DSG1001",
        "More than one configuration or metadata file",
        "Only one {0} file may be given to the generator: '{1}' repeats '{2}'",
        ConfigSeverity.Error);

    /// <summary>A plugin action whose name a built-in or another plugin action already has (Datasette aborts start-up).</summary>
    public static readonly ConfigDiagnosticDescriptor DuplicateActionName = new(
        "DSG1002",
        "Duplicate action name",
        "Duplicate action name: {0} (already registered by {1})",
        ConfigSeverity.Error);

    /// <summary>A plugin action whose abbreviation is already taken.</summary>
    public static readonly ConfigDiagnosticDescriptor DuplicateActionAbbr = new(
        "DSG1003",
        "Duplicate action abbr",
        "Duplicate action abbr: {0} (already used by {1})",
        ConfigSeverity.Error);

    /// <summary>[DatasetteAction] on a class without [DatasettePlugin]: nothing would register it.</summary>
    public static readonly ConfigDiagnosticDescriptor ActionOutsidePlugin = new(
        "DSG1004",
        "Action declared outside a plugin",
        "Action '{0}' is declared on {1}, which is not marked [DatasettePlugin]",
        ConfigSeverity.Error);

    /// <summary>alsoRequires names an action that is not registered.</summary>
    public static readonly ConfigDiagnosticDescriptor UnknownRequiredAction = new(
        "DSG1005",
        "Unknown required action",
        "Action '{0}' also requires unknown action '{1}'{2}",
        ConfigSeverity.Error);
}
