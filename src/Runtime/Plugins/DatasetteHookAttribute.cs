namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// Marks a method of a <see cref="DatasettePluginAttribute"/> class as the implementation of the
/// plugin hook its name spells: <c>Startup</c>, <c>PrepareConnection</c>, <c>ActorFromRequest</c>,
/// <c>PermissionResourcesSql</c>, <c>RegisterRoutes</c>, <c>RegisterColumnTypes</c>,
/// <c>RegisterTokenHandler</c>, <c>ActorsFromIds</c>, <c>TrackEvent</c> (an <c>Async</c> suffix is
/// allowed). Like a pluggy hook implementation, the method may take any of the hook's parameters,
/// in any order, and may be static. The generator wires it with a direct call; an unknown name or
/// a signature the hook cannot call is a compile error at the method.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DatasetteHookAttribute : Attribute
{
}
