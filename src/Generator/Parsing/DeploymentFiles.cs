using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Datasette.Gen.Generator.Parsing;

/// <summary>Recognises datasette.yaml/metadata.yaml among the AdditionalFiles and parses them.</summary>
internal static class DeploymentFiles
{
    private static readonly string[] Extensions = { ".yaml", ".yml", ".json" };

    public static DeploymentFileKind? Classify(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var extension in Extensions)
        {
            if (string.Equals(name, "datasette" + extension, StringComparison.OrdinalIgnoreCase))
            {
                return DeploymentFileKind.Config;
            }
            if (string.Equals(name, "metadata" + extension, StringComparison.OrdinalIgnoreCase))
            {
                return DeploymentFileKind.Metadata;
            }
        }
        return null;
    }

    public static DeploymentFile Read(AdditionalText text, CancellationToken cancellationToken)
    {
        var content = text.GetText(cancellationToken)?.ToString() ?? string.Empty;
        var document = ConfigReader.Read(Path.GetFileName(text.Path), content);
        return new DeploymentFile(Classify(text.Path)!.Value, text.Path, document);
    }
}
