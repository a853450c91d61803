namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>Datasette's <c>register_facet_classes()</c>: new facet types, turned on by <c>_facet_{type}=column</c>.</summary>
public interface IRegisterFacetClasses
{
    IEnumerable<FacetClass> RegisterFacetClasses();
}
