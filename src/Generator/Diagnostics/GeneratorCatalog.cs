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

    /// <summary>A plugin class the generated wiring cannot create once: abstract, generic, inaccessible, or without a parameterless constructor.</summary>
    public static readonly ConfigDiagnosticDescriptor PluginNotCreatable = new(
        "DSG1006",
        "Plugin cannot be created",
        "Plugin {0} cannot be created by the deployment: {1}",
        ConfigSeverity.Error);

    /// <summary>A [DatasetteHook] method whose name is not a hook's.</summary>
    public static readonly ConfigDiagnosticDescriptor UnknownHook = new(
        "DSG1007",
        "Unknown plugin hook",
        "'{0}' is not a plugin hook{1}; a [DatasetteHook] method is named after one of: {2}",
        ConfigSeverity.Error);

    /// <summary>A [DatasetteHook] method the hook cannot call: a parameter it does not pass, a return it cannot use, generic or private.</summary>
    public static readonly ConfigDiagnosticDescriptor HookSignatureMismatch = new(
        "DSG1008",
        "Hook method has the wrong signature",
        "{0} cannot implement hook '{1}': {2}. Expected {3}",
        ConfigSeverity.Error);

    /// <summary>[DatasetteHook] on a method of a class without [DatasettePlugin]: nothing would call it.</summary>
    public static readonly ConfigDiagnosticDescriptor HookOutsidePlugin = new(
        "DSG1009",
        "Hook declared outside a plugin",
        "Hook method '{0}' is declared on {1}, which is not marked [DatasettePlugin]",
        ConfigSeverity.Error);

    /// <summary>Two plugin classes with the same plugin name (/-/plugins.json and plugin configuration would be ambiguous).</summary>
    public static readonly ConfigDiagnosticDescriptor DuplicatePluginName = new(
        "DSG1010",
        "Duplicate plugin name",
        "Duplicate plugin name: {0} (already used by {1})",
        ConfigSeverity.Error);

    /// <summary>One plugin implementing a hook twice (two methods, or a method beside the hook's interface), as pluggy forbids.</summary>
    public static readonly ConfigDiagnosticDescriptor DuplicateHook = new(
        "DSG1011",
        "Hook implemented twice",
        "{0} implements hook '{1}' more than once",
        ConfigSeverity.Error);

    /// <summary>A templates/*.cshtml whose name is none Datasette considers for a page: nothing would use it.</summary>
    public static readonly ConfigDiagnosticDescriptor UnknownTemplateName = new(
        "DSG1012",
        "Unknown template name",
        "Template '{0}' overrides nothing: a page template is named index, database[-DATABASE], table[-DATABASE-TABLE], row[-DATABASE-TABLE], query[-DATABASE[-QUERY]] or _table[-DATABASE-TABLE], with names as Datasette's to_css_class spells them; the layout is base, the error page error or a status from 400 to 599 (404), a debug, write or stored-query page its Datasette name (logout, create_token, messages_debug, show_json, allow_debug, debug_actions, debug_allowed, debug_rules, debug_check, debug_permissions_playground, debug_autocomplete, execute_write, query_list, query_create, query_edit, query_delete, schema, api_explorer)",
        ConfigSeverity.Error);

    /// <summary>A template named for a database, table or query the schema snapshot and configuration do not have.</summary>
    public static readonly ConfigDiagnosticDescriptor TemplateForUnknownResource = new(
        "DSG1013",
        "Template for an unknown database, table or query",
        "Template '{0}' names '{1}', which is not {2} of the deployment (names as Datasette's to_css_class spells them)",
        ConfigSeverity.Error);
}
