using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// Registers a permission action, as Datasette's <c>register_actions</c> hook does, on a class
/// marked <see cref="DatasettePluginAttribute"/>; repeat it for several actions. The generator
/// adds it to <c>Deployment.Actions</c> and lets <c>permissions:</c> blocks name it; a name or
/// abbreviation already taken (by a built-in action too) is a compile error at the attribute.
/// Plugin actions are denied unless a rule allows them.
/// </summary>
/// <param name="name">Unique action name, such as <c>view-dashboard</c>.</param>
/// <param name="abbr">Unique abbreviation, such as <c>vdb</c>, or null.</param>
/// <param name="description">What the action permits, shown on /-/actions.</param>
/// <param name="resource">The level the action applies to: the instance, a database, or a table or query in one.</param>
/// <param name="alsoRequires">An action that must also be allowed on the same resource, or null.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DatasetteActionAttribute(
    string name,
    string? abbr,
    string description,
    ResourceKind resource = ResourceKind.Instance,
    string? alsoRequires = null) : Attribute
{
    public string Name { get; } = name;

    public string? Abbr { get; } = abbr;

    public string Description { get; } = description;

    public ResourceKind Resource { get; } = resource;

    public string? AlsoRequires { get; } = alsoRequires;
}
