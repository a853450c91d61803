using System.Text;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Permissions;
using Datasette.Gen.Generator.Diagnostics;
using Datasette.Gen.Generator.Emit;
using Datasette.Gen.Generator.Model;
using Datasette.Gen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Datasette.Gen.Generator;

/// <summary>
/// Compiles the deployment's datasette.yaml and metadata.yaml (AdditionalFiles), checked against
/// the schema snapshot datasette.schema.json when there is one, and the plugins' [DatasetteAction]
/// attributes and [DatasettePlugin] classes into <c>Datasette.Gen.Generated.Deployment</c> (with its
/// plugin wiring and the glue that runs it, plus a <c>Main</c> when the project has no entry point)
/// and <c>Urls</c>, reporting problems as build diagnostics.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DatasetteGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(static text => DeploymentFiles.Classify(text.Path) is not null)
            .Select(static (text, cancellationToken) => DeploymentFiles.Read(text, cancellationToken))
            .WithTrackingName(TrackingNames.DeploymentFiles);

        var input = files.Collect()
            .Select(static (files, _) => DeploymentInputs.Choose(files))
            .WithTrackingName(TrackingNames.DeploymentInput);

        var snapshot = context.AdditionalTextsProvider
            .Where(static text => SchemaSnapshotFiles.IsSnapshot(text.Path))
            .Select(static (text, cancellationToken) => SchemaSnapshotFiles.Read(text, cancellationToken))
            .WithTrackingName(TrackingNames.SchemaSnapshotFiles)
            .Collect()
            .Select(static (files, _) => SchemaSnapshotFiles.Choose(files))
            .WithTrackingName(TrackingNames.SchemaSnapshot);

        var actions = context.SyntaxProvider
            .ForAttributeWithMetadataName(PluginActions.ActionAttribute, PluginActions.IsClass, PluginActions.Read)
            .WithTrackingName(TrackingNames.PluginActions)
            .Collect()
            .Select(static (classes, _) => ActionRegistry.Build(classes))
            .WithTrackingName(TrackingNames.ActionRegistry);

        var localPlugins = context.SyntaxProvider
            .ForAttributeWithMetadataName(PluginActions.PluginAttribute, PluginClasses.IsClass, PluginClasses.Read)
            .WithTrackingName(TrackingNames.PluginClasses);

        var hookMethodDiagnostics = context.SyntaxProvider
            .ForAttributeWithMetadataName(HookCatalog.HookAttribute, PluginClasses.IsMethod, PluginClasses.CheckHookMethod)
            .Collect()
            .Select(static (found, _) => found.SelectMany(d => d).ToEquatableArray())
            .WithTrackingName(TrackingNames.HookMethodDiagnostics);

        // Plugins in referenced libraries: re-read when the compilation changes, unchanged unless the references do.
        var referencedPlugins = context.CompilationProvider
            .Select(static (compilation, cancellationToken) => ReferencedPlugins.Read(compilation, cancellationToken))
            .WithTrackingName(TrackingNames.ReferencedPlugins);

        var plugins = localPlugins.Collect()
            .Combine(referencedPlugins)
            .Select(static (pair, _) => PluginSet.Build(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.PluginSet);

        var pluginsModel = plugins.Select(static (outcome, _) => outcome.Model).WithTrackingName(TrackingNames.PluginsModel);
        var pluginDiagnostics = plugins.Select(static (outcome, _) => outcome.Diagnostics).WithTrackingName(TrackingNames.PluginDiagnostics);

        var actionsModel = actions.Select(static (outcome, _) => outcome.Model).WithTrackingName(TrackingNames.ActionsModel);
        var pluginActionNames = actions.Select(static (outcome, _) => outcome.PluginActionNames).WithTrackingName(TrackingNames.PluginActionNames);
        var actionDiagnostics = actions.Select(static (outcome, _) => outcome.Diagnostics).WithTrackingName(TrackingNames.ActionDiagnostics);

        var outcome = input
            .Combine(snapshot)
            .Combine(pluginActionNames)
            .Select(static (pair, _) => DeploymentBinder.Bind(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.Binding);

        var model = outcome
            .Select(static (outcome, _) => outcome.Model)
            .WithTrackingName(TrackingNames.DeploymentModel);

        var diagnostics = outcome
            .Select(static (outcome, _) => outcome.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        var urls = model
            .Combine(snapshot)
            .Select(static (pair, _) => UrlsModelBuilder.Build(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.UrlsModel);

        var permissions = model
            .Select(static (model, _) => PermissionCompiler.Compile(model.Config))
            .WithTrackingName(TrackingNames.PermissionModel);

        var openApi = model
            .Combine(snapshot)
            .Select(static (pair, _) => OpenApiEmitter.Build(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.OpenApiParts);

        // Both change on nearly every edit upstream; as bools they stay Unchanged unless the answer flips.
        var host = context.CompilationProvider
            .Select(static (compilation, _) => EntryPoints.ReadTarget(compilation))
            .WithTrackingName(TrackingNames.HostTarget);

        var userEntryPoint = context.SyntaxProvider
            .CreateSyntaxProvider(EntryPoints.IsDeclaration, static (_, _) => true)
            .WithTrackingName(TrackingNames.EntryPointDeclarations)
            .Collect()
            .Select(static (found, _) => !found.IsEmpty)
            .WithTrackingName(TrackingNames.UserEntryPoint);

        var generatedEntryPoint = host
            .Combine(userEntryPoint)
            .Select(static (pair, _) => pair.Left.RuntimeAvailable && pair.Left.IsExecutable && !pair.Right)
            .WithTrackingName(TrackingNames.GeneratedEntryPoint);

        // templates/*.cshtml: the Razor SDK hands every view it compiles to all generators as an AdditionalFile.
        var templateFiles = context.AdditionalTextsProvider
            .Where(static text => TemplateFiles.IsTemplate(text.Path))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => TemplateFiles.Read(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.TemplateFiles)
            .Collect()
            .Select(static (files, _) => files.ToEquatableArray());

        var templates = templateFiles
            .Combine(model)
            .Combine(snapshot)
            .Select(static (pair, _) => TemplateFiles.Check(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.Templates);

        var templatesModel = templates
            .Combine(host)
            .Select(static (pair, _) => new TemplatesModel(pair.Right.RuntimeAvailable, pair.Left.Overrides))
            .WithTrackingName(TrackingNames.TemplatesModel);

        var templateDiagnostics = templates.Select(static (outcome, _) => outcome.Diagnostics).WithTrackingName(TrackingNames.TemplateDiagnostics);

        // Source and diagnostics leave by separate outputs, so a diagnostic that only moves does not regenerate code.
        context.RegisterSourceOutput(model, static (context, model) =>
            context.AddSource(DeploymentEmitter.HintName, SourceText.From(DeploymentEmitter.Emit(model), Encoding.UTF8)));

        context.RegisterSourceOutput(urls, static (context, model) =>
            context.AddSource(UrlsEmitter.HintName, SourceText.From(UrlsEmitter.Emit(model), Encoding.UTF8)));

        context.RegisterSourceOutput(actionsModel, static (context, model) =>
            context.AddSource(ActionsEmitter.HintName, SourceText.From(ActionsEmitter.Emit(model), Encoding.UTF8)));

        context.RegisterSourceOutput(permissions, static (context, model) =>
            context.AddSource(PermissionsEmitter.HintName, SourceText.From(PermissionsEmitter.Emit(model), Encoding.UTF8)));

        context.RegisterSourceOutput(openApi, static (context, parts) =>
            context.AddSource(OpenApiEmitter.HintName, SourceText.From(OpenApiEmitter.Emit(parts), Encoding.UTF8)));

        // Without the runtime (a library, or the generator's own tests) there is nothing to wire plugins into.
        context.RegisterSourceOutput(pluginsModel, static (context, model) =>
        {
            if (model.RuntimeAvailable)
            {
                context.AddSource(PluginsEmitter.HintName, SourceText.From(PluginsEmitter.Emit(model), Encoding.UTF8));
            }
        });

        context.RegisterSourceOutput(host, static (context, target) =>
        {
            if (target.RuntimeAvailable)
            {
                context.AddSource(HostEmitter.HintName, SourceText.From(HostEmitter.Emit(), Encoding.UTF8));
            }
        });

        context.RegisterSourceOutput(templatesModel, static (context, model) =>
        {
            if (model.RuntimeAvailable)
            {
                context.AddSource(TemplatesEmitter.HintName, SourceText.From(TemplatesEmitter.Emit(model), Encoding.UTF8));
            }
        });

        context.RegisterSourceOutput(generatedEntryPoint, static (context, generate) =>
        {
            if (generate)
            {
                context.AddSource(EntryPointEmitter.HintName, SourceText.From(EntryPointEmitter.Emit(), Encoding.UTF8));
            }
        });

        context.RegisterSourceOutput(diagnostics, Report);
        context.RegisterSourceOutput(pluginDiagnostics, Report);
        context.RegisterSourceOutput(hookMethodDiagnostics, Report);
        context.RegisterSourceOutput(actionDiagnostics, Report);
        context.RegisterSourceOutput(templateDiagnostics, Report);
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(DiagnosticReporter.ToDiagnostic(diagnostic));
        }
    }
}
