using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.OpenApi;
using Datasette.Gen.Generator.Model;
using Datasette.Gen.Generator.Parsing;

namespace Datasette.Gen.Generator.Emit;

/// <summary>
/// Writes Deployment.OpenApi.g.cs: the parts of the OpenAPI document (databases, stored queries,
/// and each table of the schema snapshot) built at build time by the builder the runtime shares,
/// as string constants keyed by the fingerprint of their input.
/// </summary>
internal static class OpenApiEmitter
{
    public const string HintName = "Deployment.OpenApi.g.cs";

    private const string Part = "global::Datasette.Gen.Configuration.OpenApi.OpenApiPart";

    public static EquatableArray<OpenApiPart> Build(DeploymentModel model, SnapshotInput snapshot) =>
        OpenApiSnapshotParts.Build(snapshot.Snapshot, model.Config, model.Metadata, static sql => SqlParameters.Extract(sql));

    public static string Emit(EquatableArray<OpenApiPart> parts)
    {
        var writer = SourceWriter.InGeneratedNamespace();
        writer.WriteLine("public static partial class Deployment");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// The OpenAPI document's parts for this deployment as built from datasette.yaml and the schema");
        writer.WriteLine("/// snapshot; the runtime uses a part while the live input has the same fingerprint.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine($"public static global::Datasette.Gen.Configuration.EquatableArray<{Part}> OpenApi {{ get; }} = new(new {Part}[]");
        writer.OpenBlock();
        foreach (var part in parts)
        {
            writer.WriteLine("new(");
            writer.Indent();
            writer.WriteLine(CSharpLiteral.String(part.Fingerprint) + ",");
            writer.WriteLine(CSharpLiteral.String(part.Paths) + ",");
            writer.WriteLine(CSharpLiteral.String(part.Schemas) + "),");
            writer.Unindent();
        }
        writer.Unindent();
        writer.WriteLine("});");
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }
}
