using Datasette.Gen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Datasette.Gen.Generator.Parsing;

/// <summary>
/// Finds whether the project has an entry point of its own, so the generated Main is added only
/// when there is none. Read from syntax, tree by tree, so an edit re-checks only the edited file.
/// </summary>
internal static class EntryPoints
{
    private const string Host = "Datasette.Gen.Runtime.Hosting.DatasetteHost";

    /// <summary>
    /// Top-level statements, or any static method named Main. Deliberately broad: a Main with a
    /// signature the compiler rejects yields its own clear error, while a second entry point
    /// beside the user's would be an error the user did not write.
    /// </summary>
    public static bool IsDeclaration(SyntaxNode node, CancellationToken _) =>
        node is GlobalStatementSyntax
        || (node is MethodDeclarationSyntax { Identifier.ValueText: "Main" } method && method.Modifiers.Any(SyntaxKind.StaticKeyword));

    public static HostTarget ReadTarget(Compilation compilation) => new(
        compilation.GetTypeByMetadataName(Host) is not null,
        compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication);
}
