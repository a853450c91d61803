using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Generator.Model;

internal enum DeploymentFileKind
{
    Config,
    Metadata,
}

/// <summary>
/// One parsed AdditionalFile. <see cref="FilePath"/> is where diagnostics point; the document
/// is read under the bare file name so spans in generated code do not depend on the machine.
/// </summary>
internal sealed record DeploymentFile(DeploymentFileKind Kind, string FilePath, ConfigDocument Document);
