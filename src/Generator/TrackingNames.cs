namespace Datasette.Gen.Generator;

/// <summary>Names of the pipeline steps, so tests can check that each one caches.</summary>
internal static class TrackingNames
{
    public const string DeploymentFiles = nameof(DeploymentFiles);
    public const string DeploymentInput = nameof(DeploymentInput);
    public const string SchemaSnapshotFiles = nameof(SchemaSnapshotFiles);
    public const string SchemaSnapshot = nameof(SchemaSnapshot);
    public const string PluginActions = nameof(PluginActions);
    public const string ActionRegistry = nameof(ActionRegistry);
    public const string ActionsModel = nameof(ActionsModel);
    public const string PluginActionNames = nameof(PluginActionNames);
    public const string ActionDiagnostics = nameof(ActionDiagnostics);
    public const string Binding = nameof(Binding);
    public const string DeploymentModel = nameof(DeploymentModel);
    public const string Diagnostics = nameof(Diagnostics);
    public const string UrlsModel = nameof(UrlsModel);
    public const string OpenApiParts = nameof(OpenApiParts);
    public const string PermissionModel = nameof(PermissionModel);
    public const string PluginClasses = nameof(PluginClasses);
    public const string HookMethodDiagnostics = nameof(HookMethodDiagnostics);
    public const string ReferencedPlugins = nameof(ReferencedPlugins);
    public const string PluginSet = nameof(PluginSet);
    public const string PluginsModel = nameof(PluginsModel);
    public const string PluginDiagnostics = nameof(PluginDiagnostics);
    public const string HostTarget = nameof(HostTarget);
    public const string EntryPointDeclarations = nameof(EntryPointDeclarations);
    public const string UserEntryPoint = nameof(UserEntryPoint);
    public const string GeneratedEntryPoint = nameof(GeneratedEntryPoint);
    public const string TemplateFiles = nameof(TemplateFiles);
    public const string Templates = nameof(Templates);
    public const string TemplatesModel = nameof(TemplatesModel);
    public const string TemplateDiagnostics = nameof(TemplateDiagnostics);
}
