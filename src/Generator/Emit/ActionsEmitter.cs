using Datasette.Gen.Generator.Model;

namespace Datasette.Gen.Generator.Emit;

/// <summary>Writes Deployment.Actions.g.cs: every registered action, built-in and plugin, sorted by name.</summary>
internal static class ActionsEmitter
{
    public const string HintName = "Deployment.Actions.g.cs";

    public static string Emit(ActionsModel model)
    {
        var writer = SourceWriter.InGeneratedNamespace();
        writer.WriteLine("public static partial class Deployment");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>The deployment's actions: Datasette's built-in ones and those declared with [DatasetteAction], sorted by name.</summary>");
        writer.WriteLine($"public static global::System.Collections.Generic.IReadOnlyList<{TypeNames.ActionDefinition}> Actions {{ get; }} = new {TypeNames.ActionDefinition}[]");
        writer.OpenBlock();
        foreach (var action in model.Actions)
        {
            writer.WriteLine(
                $"new({CSharpLiteral.String(action.Name)}, {CSharpLiteral.String(action.Abbr)}, {TypeNames.ResourceKind}.{action.Resource}, "
                + $"{CSharpLiteral.String(action.AlsoRequires)}, {CSharpLiteral.Boolean(action.DefaultAllow)}, {CSharpLiteral.String(action.Description)}),");
        }
        writer.Unindent();
        writer.WriteLine("};");
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }
}
