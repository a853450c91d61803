namespace Datasette.Gen.Generator;

/// <summary>Names of the pipeline steps, so tests can check that each one caches.</summary>
internal static class TrackingNames
{
    public const string DeploymentFiles = nameof(DeploymentFiles);
    public const string DeploymentInput = nameof(DeploymentInput);
    public const string Binding = nameof(Binding);
    public const string DeploymentModel = nameof(DeploymentModel);
    public const string Diagnostics = nameof(Diagnostics);
}
