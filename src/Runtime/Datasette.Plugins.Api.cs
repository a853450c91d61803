using Datasette.Gen.Runtime.Endpoints.Queries;
using Datasette.Gen.Runtime.Plugins;

namespace Datasette.Gen.Runtime;

public sealed partial class Datasette
{
    /// <summary>The formats Datasette answers itself; a plugin renderer with one of these extensions is ignored.</summary>
    private static readonly string[] BuiltInFormats = ["json", "csv", "blob", "html"];

    private readonly Dictionary<string, OutputRenderer> _outputRenderers = new(StringComparer.Ordinal);
    private readonly List<FacetClass> _facetClasses = new();
    private readonly Dictionary<string, MagicParameter> _magicParameters = new(StringComparer.Ordinal);

    /// <summary>The plugins' output renderers (register_output_renderer) by extension, in registration order.</summary>
    public IReadOnlyDictionary<string, OutputRenderer> OutputRenderers => _outputRenderers;

    /// <summary>The plugins' facet types (register_facet_classes); the built-in column, date and array facets are not listed.</summary>
    public IReadOnlyList<FacetClass> FacetClasses => _facetClasses;

    /// <summary>The magic parameters by prefix: the built-in ones, then the plugins' (a plugin's prefix replaces a built-in one, as in Datasette).</summary>
    public IReadOnlyDictionary<string, MagicParameter> MagicParameters => _magicParameters;

    /// <summary>Collects what the API group's registration hooks return, once, at construction.</summary>
    private void InstallApiPlugins()
    {
        foreach (var hook in Plugins.RegisterOutputRenderer)
        {
            foreach (var renderer in hook.Invoke(this) ?? Array.Empty<OutputRenderer>())
            {
                if (!BuiltInFormats.Contains(renderer.Extension))
                {
                    _outputRenderers[renderer.Extension] = renderer;
                }
            }
        }
        var facetTypes = new HashSet<string>(StringComparer.Ordinal) { "column", "date", "array" };
        foreach (var hook in Plugins.RegisterFacetClasses)
        {
            foreach (var facet in hook.Invoke() ?? Array.Empty<FacetClass>())
            {
                if (!facetTypes.Add(facet.Type))
                {
                    throw new InvalidOperationException($"Plugin {hook.Plugin} registers facet type '{facet.Type}', which is already registered");
                }
                _facetClasses.Add(facet);
            }
        }
        foreach (var magic in BuiltInMagicParameters.All)
        {
            _magicParameters[magic.Prefix] = magic;
        }
        foreach (var hook in Plugins.RegisterMagicParameters)
        {
            foreach (var magic in hook.Invoke(this) ?? Array.Empty<MagicParameter>())
            {
                _magicParameters[magic.Prefix] = magic;
            }
        }
    }
}
