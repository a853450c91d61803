using System.Text;
using Datasette.Gen.Generator.Diagnostics;
using Datasette.Gen.Generator.Emit;
using Datasette.Gen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Datasette.Gen.Generator;

/// <summary>
/// Compiles the deployment's datasette.yaml and metadata.yaml (AdditionalFiles) into
/// <c>Datasette.Gen.Generated.Deployment</c>, reporting configuration problems as build diagnostics.
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

        var outcome = input
            .Select(static (input, _) => DeploymentBinder.Bind(input))
            .WithTrackingName(TrackingNames.Binding);

        var model = outcome
            .Select(static (outcome, _) => outcome.Model)
            .WithTrackingName(TrackingNames.DeploymentModel);

        var diagnostics = outcome
            .Select(static (outcome, _) => outcome.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(model, static (context, model) =>
            context.AddSource(DeploymentEmitter.HintName, SourceText.From(DeploymentEmitter.Emit(model), Encoding.UTF8)));

        context.RegisterSourceOutput(diagnostics, static (context, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                context.ReportDiagnostic(DiagnosticReporter.ToDiagnostic(diagnostic));
            }
        });
    }
}
