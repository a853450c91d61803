using Datasette.Gen.Configuration.Diagnostics;

namespace Datasette.Gen.Generator.Diagnostics;

/// <summary>Diagnostics only the generator can raise, numbered from DSG1001 to stay clear of the shared catalogue.</summary>
internal static class GeneratorCatalog
{
    /// <summary>Two datasette.* (or metadata.*) files among the AdditionalFiles: which one wins would be a guess.</summary>
    public static readonly ConfigDiagnosticDescriptor MultipleFiles = new(
        "DSG1001",
        "More than one configuration or metadata file",
        "Only one {0} file may be given to the generator: '{1}' repeats '{2}'",
        ConfigSeverity.Error);
}
