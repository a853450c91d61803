using Datasette.Gen.Configuration;

namespace Datasette.Gen.Generator.Model;

/// <summary>The configuration and metadata files to bind, plus problems found while choosing them.</summary>
internal sealed record DeploymentInput(
    DeploymentFile? Config,
    DeploymentFile? Metadata,
    EquatableArray<DiagnosticInfo> Diagnostics);
