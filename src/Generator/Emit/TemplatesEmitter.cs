using Datasette.Gen.Generator.Model;

namespace Datasette.Gen.Generator.Emit;

/// <summary>
/// Deployment.Templates: the deployment's templates/*.cshtml registered by Datasette's name, each
/// created with <c>new</c> of the class the Razor compiler makes of it (no reflection). A factory
/// is mapped (#line) to its template's <c>@inherits</c> line, so a template whose model is not its
/// page's fails the build there rather than in this file.
/// </summary>
internal static class TemplatesEmitter
{
    public const string HintName = "Deployment.Templates.g.cs";

    private const string Html = "global::Datasette.Gen.Runtime.Html.";

    public static string Emit(TemplatesModel model)
    {
        var writer = SourceWriter.InGeneratedNamespace();
        writer.WriteLine("public static partial class Deployment");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>The deployment's page templates (templates/*.cshtml), by the name Datasette gives the template each replaces.</summary>");
        writer.WriteLine($"public static {Html}TemplateOverrides Templates => TemplateWiring.Overrides;");
        writer.WriteLine();
        writer.WriteLine("private static class TemplateWiring");
        writer.OpenBlock();
        writer.WriteLine($"public static readonly {Html}TemplateOverrides Overrides = Create();");
        writer.WriteLine();
        writer.WriteLine($"private static {Html}TemplateOverrides Create()");
        writer.OpenBlock();
        writer.WriteLine($"var templates = new {Html}TemplateOverrides();");
        for (var i = 0; i < model.Overrides.Count; i++)
        {
            var entry = model.Overrides[i];
            writer.WriteLine($"templates.Add<{Html}{entry.ModelType}>({CSharpLiteral.String(entry.Name)}, Template{i});");
        }
        writer.WriteLine("return templates;");
        writer.CloseBlock();
        for (var i = 0; i < model.Overrides.Count; i++)
        {
            var entry = model.Overrides[i];
            writer.WriteLine();
            writer.WriteLine($"private static global::RazorSlices.RazorSlice Template{i}({Html}{entry.ModelType} model) =>");
            writer.WriteLine($"#line {entry.InheritsLine} \"{entry.FilePath}\"");
            writer.WriteLine($"    new global::AspNetCoreGeneratedDocument.{entry.ClassName} {{ Model = model }};");
            writer.WriteLine("#line default");
        }
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }
}
