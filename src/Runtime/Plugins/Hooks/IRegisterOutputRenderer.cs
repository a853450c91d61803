namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>register_output_renderer(datasette)</c>: new <c>.ext</c> formats for table, row
/// and query pages, linked from those pages when the renderer says it can render them.
/// </summary>
public interface IRegisterOutputRenderer
{
    IEnumerable<OutputRenderer> RegisterOutputRenderer(Datasette datasette);
}
