namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// Marks a class as a compile-time plugin of the deployment. The source generator finds plugin
/// classes by this attribute (no reflection at run time) and reads the declarations on them,
/// such as <see cref="DatasetteActionAttribute"/>.
/// </summary>
/// <param name="name">The plugin's name as <c>plugins:</c> blocks of datasette.yaml spell it; null for the class name.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DatasettePluginAttribute(string? name = null) : Attribute
{
    public string? Name { get; } = name;
}
