namespace Datasette.Gen.Configuration.Permissions;

/// <summary>
/// A <see cref="PermissionModel"/> with one actor matcher per allow block. The generator emits
/// the compiled form (a C# method per block) for the configuration it builds in; configuration
/// loaded at run time gets <see cref="Interpret"/>, which evaluates the same model.
/// </summary>
public sealed class CompiledPermissions
{
    public CompiledPermissions(PermissionModel model, IReadOnlyList<Func<IActorValues?, bool>> matchers, bool isInterpreted = false)
    {
        if (matchers.Count != model.Blocks.Count)
        {
            throw new ArgumentException($"{model.Blocks.Count} allow blocks need as many matchers, got {matchers.Count}", nameof(matchers));
        }
        Model = model;
        Matchers = matchers;
        IsInterpreted = isInterpreted;
    }

    public static CompiledPermissions Empty { get; } = new(PermissionModel.Empty, Array.Empty<Func<IActorValues?, bool>>());

    public PermissionModel Model { get; }

    /// <summary><c>Matchers[i](actor)</c> decides block <c>i</c> of <see cref="Model"/>.</summary>
    public IReadOnlyList<Func<IActorValues?, bool>> Matchers { get; }

    /// <summary>True when the matchers walk the model at run time rather than being generated code.</summary>
    public bool IsInterpreted { get; }

    /// <summary>Matchers that interpret each block with <see cref="AllowMatcher"/>.</summary>
    public static CompiledPermissions Interpret(PermissionModel model)
    {
        var matchers = new Func<IActorValues?, bool>[model.Blocks.Count];
        for (var i = 0; i < matchers.Length; i++)
        {
            var block = model.Blocks[i];
            matchers[i] = actor => AllowMatcher.Matches(block, actor);
        }
        return new CompiledPermissions(model, matchers, isInterpreted: true);
    }
}
