using System.Globalization;
using System.Text;
using Datasette.Gen.Configuration.Permissions;

namespace Datasette.Gen.Generator.Emit;

/// <summary>
/// Writes Deployment.Permissions.g.cs: the configuration's allow blocks as permission rules
/// (data the runtime feeds to its SQL) and one C# matcher method per distinct allow block, so
/// the compiled configuration never interprets an allow block per request.
/// </summary>
internal static class PermissionsEmitter
{
    public const string HintName = "Deployment.Permissions.g.cs";

    private const string Namespace = "global::Datasette.Gen.Configuration.Permissions";
    private const string Actor = Namespace + ".IActorValues";

    public static string Emit(PermissionModel model)
    {
        var writer = SourceWriter.InGeneratedNamespace();
        writer.WriteLine("public static partial class Deployment");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>The allow blocks of datasette.yaml as permission rules, with a compiled actor matcher per block.</summary>");
        if (model.Blocks.IsEmpty && model.Rules.IsEmpty)
        {
            writer.WriteLine($"public static {Namespace}.CompiledPermissions Permissions {{ get; }} = {Namespace}.CompiledPermissions.Empty;");
            writer.CloseBlock();
            writer.CloseBlock();
            return writer.ToString();
        }
        writer.WriteLine($"public static {Namespace}.CompiledPermissions Permissions {{ get; }} = new(");
        writer.Indent();
        writer.WriteLine($"new {Namespace}.PermissionModel(");
        writer.Indent();
        writer.WriteLine($"Blocks: new(new {Namespace}.AllowBlock[]");
        writer.OpenBlock();
        foreach (var block in model.Blocks)
        {
            writer.WriteLine(BlockExpression(block) + ",");
        }
        writer.Unindent();
        writer.WriteLine("}),");
        writer.WriteLine($"Rules: new(new {Namespace}.PermissionRule[]");
        writer.OpenBlock();
        foreach (var rule in model.Rules)
        {
            writer.WriteLine($"new({CSharpLiteral.String(rule.Action)}, {CSharpLiteral.String(rule.Parent)}, {CSharpLiteral.String(rule.Child)}, "
                + $"{CSharpLiteral.Number(rule.Block)}, {Namespace}.PermissionRuleKind.{rule.Kind}, {CSharpLiteral.String(rule.Scope)}),");
        }
        writer.Unindent();
        writer.WriteLine("})),");
        writer.Unindent();
        writer.WriteLine($"new global::System.Func<{Actor}?, bool>[]");
        writer.OpenBlock();
        for (var i = 0; i < model.Blocks.Count; i++)
        {
            writer.WriteLine(MethodName(i) + ",");
        }
        writer.Unindent();
        writer.WriteLine("});");
        writer.Unindent();
        for (var i = 0; i < model.Blocks.Count; i++)
        {
            writer.WriteLine();
            var uses = model.Rules.Where(r => r.Block == i).Select(r => r.Scope).Distinct().ToList();
            writer.WriteLine("// " + Comment(model.Blocks[i].Json) + " - " + Comment(string.Join("; ", uses)));
            writer.WriteLine($"private static bool {MethodName(i)}({Actor}? actor) =>");
            writer.Indent();
            writer.WriteLine(Condition(model.Blocks[i]) + ";");
            writer.Unindent();
        }
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    private static string MethodName(int index) => "AllowBlock" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The block's decision as one C# expression over <c>actor</c>, Datasette's actor_matches_allow unrolled.</summary>
    private static string Condition(AllowBlock block)
    {
        switch (block.Kind)
        {
            case AllowBlockKind.Always:
                return "true";
            case AllowBlockKind.Never:
                return "false";
        }
        var tests = new List<string>();
        foreach (var key in block.Keys)
        {
            var name = CSharpLiteral.String(key.Key);
            if (key.AnyValue)
            {
                // Having the key at all is enough; its value cannot add a match.
                tests.Add($"actor.HasKey({name})");
                continue;
            }
            foreach (var value in key.Values)
            {
                tests.Add(value.Kind switch
                {
                    AllowValueKind.String => $"actor.HasString({name}, {CSharpLiteral.String(value.Text)})",
                    AllowValueKind.Integer => $"actor.HasInteger({name}, {value.Text}L)",
                    _ => $"actor.HasFloat({name}, {DoubleLiteral(value.Text)})",
                });
            }
        }
        var anonymous = CSharpLiteral.Boolean(block.Unauthenticated);
        return tests.Count == 0
            ? $"actor is null ? {anonymous} : false"
            : $"actor is null ? {anonymous} : {string.Join(" || ", tests)}";
    }

    private static string BlockExpression(AllowBlock block)
    {
        if (block == AllowBlock.AlwaysBlock)
        {
            return $"{Namespace}.AllowBlock.AlwaysBlock";
        }
        if (block == AllowBlock.NeverBlock)
        {
            return $"{Namespace}.AllowBlock.NeverBlock";
        }
        var keys = block.Keys.IsEmpty
            ? $"global::Datasette.Gen.Configuration.EquatableArray<{Namespace}.AllowKey>.Empty"
            : $"new(new {Namespace}.AllowKey[] {{ {string.Join(", ", block.Keys.Select(KeyExpression))} }})";
        return $"new({Namespace}.AllowBlockKind.{block.Kind}, {keys}, {CSharpLiteral.Boolean(block.Unauthenticated)}, {CSharpLiteral.String(block.Json)})";
    }

    private static string KeyExpression(AllowKey key)
    {
        var values = key.Values.IsEmpty
            ? $"global::Datasette.Gen.Configuration.EquatableArray<{Namespace}.AllowValue>.Empty"
            : $"new(new {Namespace}.AllowValue[] {{ {string.Join(", ", key.Values.Select(v => $"new({Namespace}.AllowValueKind.{v.Kind}, {CSharpLiteral.String(v.Text)})"))} }})";
        return $"new({CSharpLiteral.String(key.Key)}, {CSharpLiteral.Boolean(key.AnyValue)}, {values})";
    }

    private static string DoubleLiteral(string text)
    {
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsNaN(value))
        {
            return "double.NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }
        return value.ToString("R", CultureInfo.InvariantCulture) + "D";
    }

    /// <summary>Text for a // comment: printable ASCII only, so nothing can end the line early.</summary>
    private static string Comment(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c < 0x20 || c > 0x7e)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
