using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Permissions;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// The configuration's rules as the runtime uses them: indexed by action, with the compiled
/// matchers when the running configuration is the one the generator compiled, else the
/// interpreted ones built from the same model.
/// </summary>
internal sealed class PermissionRules
{
    private static readonly IReadOnlyList<PermissionRule> None = Array.Empty<PermissionRule>();

    private readonly Dictionary<string, List<PermissionRule>> _byAction = new(StringComparer.Ordinal);

    private PermissionRules(CompiledPermissions compiled)
    {
        Compiled = compiled;
        foreach (var rule in compiled.Model.Rules)
        {
            if (!_byAction.TryGetValue(rule.Action, out var list))
            {
                _byAction[rule.Action] = list = new List<PermissionRule>();
            }
            list.Add(rule);
        }
    }

    public CompiledPermissions Compiled { get; }

    public PermissionModel Model => Compiled.Model;

    /// <summary>
    /// Rules for <paramref name="config"/>: <paramref name="compiled"/> when it was generated from an
    /// identical model, otherwise the model compiled now and interpreted.
    /// </summary>
    public static PermissionRules For(DatasetteConfig config, CompiledPermissions? compiled = null)
    {
        var model = PermissionCompiler.Compile(config);
        return new PermissionRules(compiled is not null && compiled.Model.Equals(model) ? compiled : CompiledPermissions.Interpret(model));
    }

    /// <summary>This action's rules in Datasette's gathering order.</summary>
    public IReadOnlyList<PermissionRule> For(string action) => _byAction.TryGetValue(action, out var list) ? list : None;
}
