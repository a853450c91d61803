using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Generator.Model;

/// <summary>What Deployment.g.cs rebuilds: the bound configuration and metadata rows.</summary>
internal sealed record DeploymentModel(DatasetteConfig Config, EquatableArray<MetadataItem> Metadata)
{
    public static readonly DeploymentModel Empty = new(DatasetteConfig.Empty, EquatableArray<MetadataItem>.Empty);
}

/// <summary>The result of binding: the model to emit and the diagnostics to report, which leave separately.</summary>
internal sealed record BindOutcome(DeploymentModel Model, EquatableArray<DiagnosticInfo> Diagnostics);
