using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Generator.Model;

namespace Datasette.Gen.Generator.Emit;

/// <summary>
/// Writes Deployment.g.cs: C# expressions that rebuild the bound configuration exactly, spans
/// included, so the runtime gets the same records the binder produced, without parsing YAML.
/// </summary>
internal static partial class DeploymentEmitter
{
    public const string HintName = "Deployment.g.cs";

    public static string Emit(DeploymentModel model)
    {
        var writer = SourceWriter.InGeneratedNamespace();
        writer.WriteLine("/// <summary>The deployment's configuration and metadata, bound at build time.</summary>");
        writer.WriteLine("public static partial class Deployment");
        writer.OpenBlock();
        writer.Write($"public static {TypeNames.DatasetteConfig} Config {{ get; }} = ");
        WriteConfig(writer, model.Config);
        writer.WriteLine(";");
        writer.WriteLine();
        writer.Write($"public static {TypeNames.EquatableArrayOf(TypeNames.MetadataItem)} Metadata {{ get; }} = ");
        WriteArray(writer, TypeNames.MetadataItem, model.Metadata, WriteMetadataItem);
        writer.WriteLine(";");
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    /// <summary><c>new(new T[] { ... })</c> for a target-typed EquatableArray, one item a line.</summary>
    private static void WriteArray<T>(SourceWriter writer, string elementType, EquatableArray<T> items, Action<SourceWriter, T> writeItem)
    {
        if (items.IsEmpty)
        {
            writer.Write(TypeNames.EquatableArrayOf(elementType) + ".Empty");
            return;
        }
        writer.WriteLine($"new(new {elementType}[]");
        writer.OpenBlock();
        foreach (var item in items)
        {
            writeItem(writer, item);
            writer.WriteLine(",");
        }
        writer.Unindent();
        writer.Write("})");
    }

    private static void WriteStrings(SourceWriter writer, EquatableArray<string> items)
    {
        if (items.IsEmpty)
        {
            writer.Write(TypeNames.EquatableArrayOf(TypeNames.String) + ".Empty");
            return;
        }
        writer.Write($"new(new {TypeNames.String}[] {{ {string.Join(", ", items.Select(CSharpLiteral.String))} }})");
    }

    /// <summary>Positional arguments, named and one a line, closing on the last one's line.</summary>
    private static void WriteArguments(SourceWriter writer, params (string Name, Action<SourceWriter> Write)[] arguments)
    {
        writer.WriteLine("(");
        writer.Indent();
        for (var i = 0; i < arguments.Length; i++)
        {
            writer.Write(arguments[i].Name + ": ");
            arguments[i].Write(writer);
            if (i < arguments.Length - 1)
            {
                writer.WriteLine(",");
            }
        }
        writer.Write(")");
        writer.Unindent();
    }

    /// <summary>An object initializer of init-only properties; nothing when all are defaults.</summary>
    private static void WriteInitializer(SourceWriter writer, List<(string Name, Action<SourceWriter> Write)> members)
    {
        if (members.Count == 0)
        {
            return;
        }
        writer.WriteLine();
        writer.OpenBlock();
        foreach (var (name, write) in members)
        {
            writer.Write(name + " = ");
            write(writer);
            writer.WriteLine(",");
        }
        writer.Unindent();
        writer.Write("}");
    }

    private static string Span(SourceSpan span) =>
        $"new({CSharpLiteral.String(span.Path)}, {string.Join(", ", new long[] { span.Start, span.End, span.Line, span.Column, span.EndLine, span.EndColumn }.Select(CSharpLiteral.Number))})";
}
