namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// Marks a method of a <see cref="DatasettePluginAttribute"/> class as the implementation of the
/// plugin hook its name spells: the hook's interface in <c>Datasette.Gen.Runtime.Plugins.Hooks</c>
/// without its <c>I</c> (<c>Startup</c>, <c>RenderCell</c>, <c>FiltersFromRequest</c>, ...; an
/// <c>Async</c> suffix is allowed; docs/plugins.md lists all of them). Like a pluggy hook implementation, the method may take any of the hook's parameters,
/// in any order, and may be static. The generator wires it with a direct call; an unknown name or
/// a signature the hook cannot call is a compile error at the method.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DatasetteHookAttribute : Attribute
{
}
