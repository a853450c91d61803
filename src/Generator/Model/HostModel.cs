namespace Datasette.Gen.Generator.Model;

/// <summary>
/// What the deployment's glue needs to know of the compilation: whether it references the runtime's
/// host (without it there is nothing to run) and whether it builds an executable.
/// </summary>
internal sealed record HostTarget(bool RuntimeAvailable, bool IsExecutable);
